package dev.shmt.bench.format;

import dev.shmt.bench.results.RunResult;
import dev.shmt.bench.results.SweepPoint;
import dev.shmt.bench.results.SweepResults;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The text summary a sweep ends with: per app and factor, the ideal speedup and each co-execution
 * policy's speedup against the fastest single device, with its efficiency.
 */
final class SweepTable {
    private SweepTable() {}

    static void print(PrintStream out, SweepResults sweep) {
        String device = sweep.device();
        List<SweepPoint> points = sweep.points();
        out.printf(Locale.ROOT, "%nsweep of %s's speed on %s: speedup vs. the fastest single device (efficiency)%n",
                device, sweep.profile());
        for (String app : sweep.apps()) {
            out.printf(Locale.ROOT, "  %s%n  %8s %8s", app, device + " x", "ideal");
            List<String> policies = sweep.policies(app);
            for (String p : policies) {
                out.printf(Locale.ROOT, " %18s", p);
            }
            out.println();
            for (SweepPoint pt : points) {
                out.printf(Locale.ROOT, "  %8s %7.2fx", SweepPoint.factor(pt.speed()), pt.ideal(app));
                for (String p : policies) {
                    RunResult r = pt.find(app, p);
                    out.printf(Locale.ROOT, " %18s", r == null || r.failed() ? "failed"
                            : String.format(Locale.ROOT, "%.2fx (%.2f)", r.speedup().median(), r.efficiency().median()));
                }
                out.println();
            }
        }
    }
}
