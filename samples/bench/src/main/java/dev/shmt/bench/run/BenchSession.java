package dev.shmt.bench.run;

import dev.shmt.api.DeviceInfo;
import dev.shmt.bench.format.JsonFormat;
import dev.shmt.bench.format.PngFormat;
import dev.shmt.bench.format.ResultFormat;
import dev.shmt.bench.format.TextFormat;
import dev.shmt.bench.format.TraceFormat;
import dev.shmt.bench.results.RunResult;
import dev.shmt.bench.results.SweepResults;
import dev.shmt.runtime.trace.ChromeTrace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One {@code ./shmt bench} invocation: runs the plan, with the output formats its options ask for. */
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
        List<ResultFormat> formats = formats(null, null, null, plot);
        Progress bar = new Progress(err, progress && Progress.terminal(), plan.steps() * 7);
        SweepResults results = sweep.run(out, bar, formats);
        bar.clear();
        for (ResultFormat f : formats) {
            f.sweepDone(results);
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
        energyLine();
        ChromeTrace trace = tracePath == null ? null : new ChromeTrace();
        List<ResultFormat> formats = formats(report, trace, tracePath, plot);
        Progress bar = new Progress(err, progress && Progress.terminal(), plan.steps());
        BenchRunner runner = new BenchRunner(plan, bar, trace);
        List<RunResult> results = runner.run(formats);
        double share = runner.samplerCoreShare();
        if (plan.energy().on() && share > 0) {
            out.printf(Locale.ROOT, "%nenergy sampling threads (one per runtime with a power meter; none with counters"
                    + " or models alone): %.3f%% of one core over the runtimes' lives%n", 100 * share);
        }
        for (ResultFormat f : formats) {
            f.runDone(results);
        }
        return results.stream().anyMatch(RunResult::failedForReal) ? 1 : 0;
    }

    /** Once, before any table: how energy is measured, or why it is not. */
    private void energyLine() {
        dev.shmt.npu.kernels.OutputScale scale = dev.shmt.npu.kernels.OutputScale.configured();
        out.println("npu output scale: " + scale + (System.getProperty(dev.shmt.npu.kernels.OutputScale.PROPERTY) == null
                && System.getenv(dev.shmt.npu.kernels.OutputScale.ENV) == null ? " (default)" : "")
                + " (--npu-output-scale: off, worst or p<percentile>)");
        EnergyPlan e = plan.energy();
        if (!e.on()) {
            out.println("energy: not measured: " + e.why());
        } else {
            out.println("energy: measured per timed run" + (e.idleSeconds() > 0
                    ? String.format(Locale.ROOT, "; idle power measured for %.1f s before the first round",
                    e.idleSeconds()) : "; no idle baseline (--idle-seconds 0)"));
        }
    }

    /** The text, then each file asked for (null: not asked for), in the order they say where they wrote. */
    private List<ResultFormat> formats(Path report, ChromeTrace trace, Path tracePath, Path plot) {
        List<ResultFormat> formats = new ArrayList<>();
        formats.add(new TextFormat(out));
        if (report != null) {
            formats.add(new JsonFormat(report, found, out));
        }
        if (trace != null) {
            formats.add(new TraceFormat(trace, tracePath, out));
        }
        if (plot != null) {
            formats.add(new PngFormat(plot, out));
        }
        return formats;
    }
}
