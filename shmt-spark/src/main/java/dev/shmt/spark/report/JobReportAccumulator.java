package dev.shmt.spark.report;

import org.apache.spark.util.AccumulatorV2;

/**
 * Merges the tasks' {@link JobReport} parts on the driver. Spark applies a task's updates once, when the
 * attempt succeeds; a transformation recomputed (an action run twice on an uncached result) adds again,
 * as with any Spark accumulator used in a transformation.
 */
public final class JobReportAccumulator extends AccumulatorV2<JobReport, JobReport> {
    private static final long serialVersionUID = 1L;

    private JobReport report = new JobReport();

    @Override
    public boolean isZero() {
        return report.isEmpty();
    }

    @Override
    public JobReportAccumulator copy() {
        JobReportAccumulator a = new JobReportAccumulator();
        a.report = report.copy();
        return a;
    }

    @Override
    public void reset() {
        report = new JobReport();
    }

    @Override
    public void add(JobReport part) {
        report.merge(part);
    }

    @Override
    public void merge(AccumulatorV2<JobReport, JobReport> other) {
        report.merge(other.value());
    }

    @Override
    public JobReport value() {
        return report;
    }
}
