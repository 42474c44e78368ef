package dev.shmt.bench.results;

import java.util.List;
import java.util.Locale;

/** One factor of a sweep ({@code --sweep}): the swept device's speed factor and the bench's rows at it. */
public record SweepPoint(double speed, List<RunResult> results) {
    /** A speed factor to 3 significant digits, without trailing zeros: 0.5, 2.15, 10. */
    public static String factor(double s) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", s)).stripTrailingZeros().toPlainString();
    }

    /**
     * The ideal speedup of {@code app} at this point (every device busy all the time: the fastest single
     * device's time over {@code 1 / sum(1 / T_single)}); NaN without single-device rows.
     */
    public double ideal(String app) {
        double best = Double.MAX_VALUE;
        double rate = 0;
        for (RunResult r : results) {
            if (r.app().equals(app) && r.single() && !r.failed()) {
                best = Math.min(best, r.medianMs());
                rate += 1 / r.medianMs();
            }
        }
        return rate == 0 ? Double.NaN : best * rate;
    }

    /** The row of {@code app} under {@code policy}; null when there is none. */
    public RunResult find(String app, String policy) {
        return results.stream().filter(r -> r.app().equals(app) && r.policy().equals(policy)).findFirst()
                .orElse(null);
    }
}
