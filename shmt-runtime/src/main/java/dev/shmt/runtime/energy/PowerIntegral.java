package dev.shmt.runtime.energy;

/**
 * The running integral of one sampled power channel: trapezoids between samples, and past the last sample
 * its power held. It keeps the last {@value #KEPT} samples, so that the integral at an instant the sampler
 * has already passed (a window's end read late, its thread descheduled) is still the integral at that
 * instant, power interpolated between the samples around it. Also what bounds the error: the total
 * variation of the samples (a trapezoid is off by at most half the change across it) and the largest step
 * between two samples (what power may have done since the last one, at either end of a window).
 * Thread-safe.
 */
final class PowerIntegral {
    /** Samples kept: 640 ms at 10 ms. */
    static final int KEPT = 64;

    /** What a window needs of the integral at one instant. */
    record Mark(double joules, double variation, long samples) {}

    private final long[] nanos = new long[KEPT];
    private final double[] watts = new double[KEPT];
    /** At each kept sample: the integral, the total variation and the sample count up to it. */
    private final double[] joules = new double[KEPT];
    private final double[] variation = new double[KEPT];
    private long samples;
    private double largestStep;
    private String failure;

    synchronized void add(long at, double w) {
        int i = (int) (samples % KEPT);
        if (samples == 0) {
            joules[i] = 0;
            variation[i] = 0;
        } else {
            int p = (int) ((samples - 1) % KEPT);
            if (at < nanos[p]) {
                return; // out of order: the integral only moves forward
            }
            double step = Math.abs(w - watts[p]);
            joules[i] = joules[p] + (watts[p] + w) / 2 * (at - nanos[p]) / 1e9;
            variation[i] = variation[p] + step;
            largestStep = Math.max(largestStep, step);
        }
        nanos[i] = at;
        watts[i] = w;
        samples++;
        failure = null;
    }

    synchronized void failed(String why) {
        failure = why;
    }

    /** The integral up to {@code at}; null before the first sample. */
    synchronized Mark at(long at) {
        if (samples == 0) {
            return null;
        }
        int last = (int) ((samples - 1) % KEPT);
        if (at >= nanos[last]) {
            return new Mark(joules[last] + watts[last] * (at - nanos[last]) / 1e9, variation[last], samples);
        }
        // The sampler is past it: find the kept samples around it, newest first.
        long kept = Math.min(samples, KEPT);
        for (long k = 1; k < kept; k++) {
            int i = (int) ((samples - 1 - k) % KEPT);
            int next = (int) ((samples - k) % KEPT);
            if (at >= nanos[i]) {
                double f = (double) (at - nanos[i]) / (nanos[next] - nanos[i]);
                double w = watts[i] + f * (watts[next] - watts[i]);
                return new Mark(joules[i] + (watts[i] + w) / 2 * (at - nanos[i]) / 1e9, variation[i], samples - k);
            }
        }
        int oldest = (int) ((samples - kept) % KEPT);
        return new Mark(joules[oldest], variation[oldest], samples - kept + 1);
    }

    synchronized double largestStep() {
        return largestStep;
    }

    /** Why the last read failed; null when it worked. */
    synchronized String failure() {
        return failure;
    }
}
