package dev.shmt.bench.format;

import dev.shmt.bench.results.AppResults;
import dev.shmt.bench.results.RunResult;
import dev.shmt.bench.results.SweepResults;
import java.io.IOException;
import java.util.List;

/**
 * One output of {@code ./shmt bench}, as JMH's {@code ResultFormat}: the text tables, the JSON report, the
 * trace, the PNG plots. The bench hands every format each app's results as soon as the app is done, then
 * all of them once the run, or the sweep, is over; each format shows what it is for and ignores the rest.
 */
public interface ResultFormat {
    /** One app's rows, as soon as its runs are done. */
    default void appDone(AppResults app) {}

    /** Every row of the run, once every app has run. */
    default void runDone(List<RunResult> all) throws IOException {}

    /** Every factor's rows, once the sweep has run. */
    default void sweepDone(SweepResults sweep) throws IOException {}
}
