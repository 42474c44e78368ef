package dev.shmt.bench.run;

import dev.shmt.api.DeviceInfo;
import dev.shmt.bench.results.RunResult;
import dev.shmt.bench.results.SweepResults;
import dev.shmt.runtime.trace.ChromeTrace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** One {@code ./shmt bench} invocation: runs the plan, prints the tables, writes the requested files. */
public final class BenchSession {
    private final BenchPlan plan;
    private final List<DeviceInfo> found;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean progress;

    public BenchSession(BenchPlan plan, List<DeviceInfo> found, PrintStream out, PrintStream err, boolean progress) {
        this.plan = plan;
        this.found = found;
        this.out = out;
        this.err = err;
        this.progress = progress;
    }

    /**
     * Runs a sweep instead of the plan once: the tables of every point, the summary, and with
     * {@code plot} the sweep's PNG. Returns 0, or 1 when a policy's runs failed.
     */
    public int sweep(Sweep sweep, Path plot) throws IOException {
        Progress bar = new Progress(err, progress && Progress.terminal(), plan.steps() * 7);
        SweepResults results = sweep.run(out, bar);
        bar.clear();
        if (plot != null) {
            SweepPlot.write(plot, results);
            out.println("plot: " + plot);
        }
        return results.points().stream().flatMap(p -> p.results().stream()).anyMatch(RunResult::failedForReal) ? 1 : 0;
    }

    /** Returns the exit code: 0, or 1 when a policy's runs failed (a device declining an app's VOP is no failure). Each file is null when not asked for. */
    public int run(Path report, Path tracePath, Path plot) throws IOException {
        for (DeviceInfo d : found) {
            if (!d.available()) {
                out.println("not used: " + d.name() + ": " + d.cause());
            }
        }
        ChromeTrace trace = tracePath == null ? null : new ChromeTrace();
        Progress bar = new Progress(err, progress && Progress.terminal(), plan.steps());
        List<RunResult> results = new BenchRunner(plan, bar, trace).run(out);
        if (report != null) {
            BenchReport.write(report, found, results);
            out.println("report: " + report);
        }
        if (trace != null) {
            trace.write(tracePath);
            out.println("trace: " + tracePath + " (" + trace.calls() + " calls; open it in https://ui.perfetto.dev)");
        }
        if (plot != null) {
            BenchPlot.write(plot, results);
            out.println("plot: " + plot);
        }
        return results.stream().anyMatch(RunResult::failedForReal) ? 1 : 0;
    }
}
