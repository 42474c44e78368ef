package dev.shmt.runtime.energy;

/**
 * The running integral of one sampled power channel: trapezoids between samples, and between the last
 * sample and now the last power held. Also what bounds the error: the total variation of the samples (a
 * trapezoid is off by at most half the change across it) and the largest step between two samples (what
 * power may have done since the last one, at either end of a window). Thread-safe.
 */
final class PowerIntegral {
    /** What a window needs of the integral at one instant. */
    record Mark(double joules, double variation, long samples) {}

    private double joules;
    private double variation;
    private double largestStep;
    private double lastWatts = Double.NaN;
    private long lastNanos;
    private long samples;
    private String failure;

    synchronized void add(long nanos, double watts) {
        if (!Double.isNaN(lastWatts)) {
            joules += (lastWatts + watts) / 2 * (nanos - lastNanos) / 1e9;
            double step = Math.abs(watts - lastWatts);
            variation += step;
            largestStep = Math.max(largestStep, step);
        }
        lastWatts = watts;
        lastNanos = nanos;
        samples++;
        failure = null;
    }

    synchronized void failed(String why) {
        failure = why;
    }

    /** The integral up to {@code nanos}; null before the first sample. */
    synchronized Mark at(long nanos) {
        if (Double.isNaN(lastWatts)) {
            return null;
        }
        return new Mark(joules + lastWatts * Math.max(0, nanos - lastNanos) / 1e9, variation, samples);
    }

    synchronized double largestStep() {
        return largestStep;
    }

    /** The last sample's power; NaN before the first. */
    synchronized double lastWatts() {
        return lastWatts;
    }

    /** Why the last read failed; null when it worked. */
    synchronized String failure() {
        return failure;
    }
}
