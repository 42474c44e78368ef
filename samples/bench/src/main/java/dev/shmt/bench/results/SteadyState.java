package dev.shmt.bench.results;

import java.util.List;

/**
 * When warm-up may stop: a policy is steady once the median of its last three rounds is within
 * {@link #TOLERANCE} of the median of the three before. Medians of three ignore one slow round (a GC, a
 * neighbour on the machine); comparing two windows catches a JIT still speeding the code up.
 */
public final class SteadyState {
    static final int WINDOW = 3;
    public static final double TOLERANCE = 0.03;

    private SteadyState() {}

    public static boolean reached(List<Double> times) {
        int n = times.size();
        if (n < 2 * WINDOW) {
            return false;
        }
        double last = median(times, n - WINDOW);
        double before = median(times, n - 2 * WINDOW);
        return Math.abs(last - before) <= TOLERANCE * before;
    }

    private static double median(List<Double> times, int from) {
        double[] w = new double[WINDOW];
        for (int i = 0; i < WINDOW; i++) {
            w[i] = times.get(from + i);
        }
        return Estimate.median(w);
    }
}
