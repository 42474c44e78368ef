package dev.shmt.runtime.policy.adaptive;

import java.util.Arrays;

/**
 * What one configuration cost in its recent calls (the last {@link #WINDOW}), in the objective's unit, and
 * what it cost before it went stale: after a drift its old samples no longer describe the machine, but
 * they still say roughly what to expect.
 */
final class ArmStats {
    static final int WINDOW = 7;

    private final double[] ring = new double[WINDOW];
    private int count;
    private int next;
    /** What it took before its samples went stale, or was loaded from the cache; NaN for nothing. */
    private double prior = Double.NaN;
    /** The range the prior may be off by: after a drift, what it was and what it was moved to. */
    private double priorLow = Double.NaN;
    private double priorHigh = Double.NaN;
    private boolean seen;
    private double cold = Double.NaN;
    private double[] sorted;

    /**
     * Adds a call's cost. A configuration's first call ever is kept apart ({@link #cold()}): it pays for
     * what later calls reuse (JIT compilation, NPU models built for a new tile shape), so it stands in
     * only until a second call measures the configuration warm.
     */
    void add(double v) {
        add(v, Double.POSITIVE_INFINITY);
    }

    /**
     * As {@link #add(double)}, where a first call no dearer than {@code expected} counts as a warm one:
     * nothing was built for it that later calls reuse.
     */
    void add(double v, double expected) {
        if (!seen) {
            seen = true;
            if (v > expected) {
                cold = v;
                return;
            }
        }
        push(v);
    }

    /** The first call's cost, before any warm sample; NaN when there was none. */
    double cold() {
        return cold;
    }

    private void push(double v) {
        sorted = null;
        ring[next] = v;
        next = (next + 1) % WINDOW;
        count++;
    }

    /** Samples in the window. */
    int size() {
        return Math.min(count, WINDOW);
    }

    /** Samples since it was last made stale. */
    int count() {
        return count;
    }

    double median() {
        return middle(sorted());
    }

    /** The median of {@code values}. */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return middle(v);
    }

    /** The middle of sorted {@code v}; NaN when empty. */
    private static double middle(double[] v) {
        int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    double min() {
        return size() == 0 ? Double.NaN : sorted()[0];
    }

    double max() {
        return size() == 0 ? Double.NaN : sorted()[size() - 1];
    }

    /** The most recent {@code k} samples, oldest first. */
    double[] last(int k) {
        int n = Math.min(k, size());
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = ring[Math.floorMod(next - n + i, WINDOW)];
        }
        return out;
    }

    double prior() {
        return prior;
    }

    void prior(double v) {
        prior(v, v, v);
    }

    /** A prior of {@code v} that may be anywhere from {@code low} to {@code high}. */
    void prior(double v, double low, double high) {
        prior = v;
        priorLow = low;
        priorHigh = high;
    }

    /** The least the prior may be; NaN for no prior. */
    double priorLow() {
        return priorLow;
    }

    /** The most the prior may be; NaN for no prior. */
    double priorHigh() {
        return priorHigh;
    }

    /** Keeps only the last {@code keep} samples; the median of all of them becomes the prior. */
    void stale(int keep) {
        double m = median();
        if (!Double.isNaN(m)) {
            prior(m);
        }
        double[] kept = last(keep);
        Arrays.fill(ring, 0);
        sorted = null;
        count = 0;
        next = 0;
        for (double v : kept) {
            push(v);
        }
    }

    /** The window sorted, kept until the next sample: estimates read it many times per call. */
    private double[] sorted() {
        if (sorted == null) {
            sorted = Arrays.copyOf(ring, size());
            Arrays.sort(sorted);
        }
        return sorted;
    }
}
