package dev.shmt.spark;

import dev.shmt.spark.batch.ArrayBatches;
import dev.shmt.spark.report.JobReport;
import dev.shmt.spark.report.JobReportAccumulator;
import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;

/** A partition of arrays through an element-wise VOP on its executor's runtime. */
final class ArrayTask implements FlatMapFunction<Iterator<float[]>, float[]> {
    private static final long serialVersionUID = 1L;

    private final ShmtSettings settings;
    private final ArrayVop vop;
    private final JobReportAccumulator report;

    ArrayTask(ShmtSettings settings, ArrayVop vop, JobReportAccumulator report) {
        this.settings = settings;
        this.vop = vop;
        this.report = report;
    }

    @Override
    public Iterator<float[]> call(Iterator<float[]> arrays) {
        report.add(TaskSide.attempts());
        String executor = TaskSide.executorId();
        return new ArrayBatches(arrays, TaskSide.runtime(settings), vop, settings.batchCells(),
                (r, n) -> report.add(JobReport.ofCall(executor, ExecutorRuntimes.built(), r, n)));
    }
}
