package dev.shmt.spark;

import dev.shmt.api.FloatMatrix;
import dev.shmt.spark.batch.MatrixBatches;
import dev.shmt.spark.batch.VopShape;
import dev.shmt.spark.report.JobReport;
import dev.shmt.spark.report.JobReportAccumulator;
import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;

/** A partition of images through a VOP on its executor's runtime; every call adds to the job report. */
final class MatrixTask implements FlatMapFunction<Iterator<FloatImage>, FloatImage> {
    private static final long serialVersionUID = 1L;

    private final ShmtSettings settings;
    private final MatrixVop vop;
    private final VopShape shape;
    private final MatrixReference reference;
    private final JobReportAccumulator report;

    MatrixTask(ShmtSettings settings, MatrixVop vop, VopShape shape, MatrixReference reference,
               JobReportAccumulator report) {
        this.settings = settings;
        this.vop = vop;
        this.shape = shape;
        this.reference = reference;
        this.report = report;
    }

    @Override
    public Iterator<FloatImage> call(Iterator<FloatImage> images) {
        report.add(TaskSide.attempts());
        String executor = TaskSide.executorId();
        return new MatrixBatches(images, TaskSide.runtime(settings), vop, shape, settings.batchCells(), (batch, r) -> {
            JobReport part = JobReport.ofCall(executor, ExecutorRuntimes.built(), r, batch.inputs().size());
            if (reference != null) {
                for (int i = 0; i < batch.inputs().size(); i++) {
                    FloatImage in = batch.inputs().get(i);
                    FloatMatrix expected = FloatMatrix.create(in.rows(), in.cols());
                    // Run whole, the VOP's method reads past the edge by the VOP's border rule, as its calls do.
                    reference.apply(in.matrix().withBorder(shape.border()), expected);
                    part.addQuality(batch.outputs().get(i).pixels(), expected.array());
                }
            }
            report.add(part);
        });
    }
}
