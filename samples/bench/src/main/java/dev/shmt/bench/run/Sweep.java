package dev.shmt.bench.run;

import dev.shmt.bench.format.ResultFormat;
import dev.shmt.bench.results.SweepPoint;
import dev.shmt.bench.results.SweepResults;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --sweep DEVICE=LO..HI}: the bench on an emulated profile again and again, one device's speed
 * scaled by log-spaced factors from LO to HI, the others as the profile has them. Per app and factor:
 * each policy's speedup against the fastest single device and its efficiency, and the ideal speedup
 * (every device busy all the time: the fastest single device's time over {@code 1 / sum(1 / T_single)}).
 */
public final class Sweep {
    private final BenchPlan plan;
    private final String device;
    private final double[] speeds;

    /** @param spec {@code DEVICE=LO..HI}, as {@code --sweep} takes it */
    public Sweep(BenchPlan plan, String spec, int points) {
        this.plan = plan;
        int eq = spec.indexOf('=');
        int dots = spec.indexOf("..");
        if (eq < 1 || dots < eq) {
            throw new IllegalArgumentException("--sweep: expected DEVICE=LO..HI (for example npu=0.1..10), got " + spec);
        }
        device = spec.substring(0, eq);
        double lo;
        double hi;
        try {
            lo = Double.parseDouble(spec.substring(eq + 1, dots));
            hi = Double.parseDouble(spec.substring(dots + 2));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--sweep: LO and HI must be numbers, got " + spec);
        }
        if (!(lo > 0) || !(hi >= lo) || Double.isInfinite(hi)) {
            throw new IllegalArgumentException("--sweep: expected 0 < LO <= HI, got " + spec);
        }
        if (plan.emulation().profile().device(device) == null) {
            throw new IllegalArgumentException("--sweep: profile " + plan.emulation().profile().name()
                    + " has no device '" + device + "'");
        }
        if (points < 2 && hi > lo) {
            throw new IllegalArgumentException("--sweep-points must be >= 2, got " + points);
        }
        int n = hi == lo ? 1 : points;
        speeds = new double[n];
        for (int i = 0; i < n; i++) {
            speeds[i] = n == 1 ? lo : lo * Math.pow(hi / lo, (double) i / (n - 1));
        }
    }

    /** Runs every point, each announced on {@code out}, its apps' results handed to {@code formats}. */
    public SweepResults run(PrintStream out, Progress progress, List<ResultFormat> formats) {
        Path dir;
        try {
            dir = Files.createTempDirectory("shmt-sweep");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<SweepPoint> points = new ArrayList<>();
        for (double s : speeds) {
            BenchPlan p = plan.emulating(plan.emulation().withSpeed(device, s, dir));
            out.printf(Locale.ROOT, "%n=== %s x%s ===%n", device, SweepPoint.factor(s));
            points.add(new SweepPoint(s, new BenchRunner(p, progress, null).run(formats)));
        }
        return new SweepResults(device, plan.emulation().profile().name(), points);
    }
}
