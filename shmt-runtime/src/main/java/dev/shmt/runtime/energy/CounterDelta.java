package dev.shmt.runtime.energy;

/** The joules between two reads of a {@code COUNTER} channel, across one wrap of the counter. */
public final class CounterDelta {
    private CounterDelta() {}

    /**
     * {@code end - start}; when the counter went back ({@code end < start}) it wrapped once, so
     * {@code wrapJoules} is added. A window must be shorter than one wrap period: more wraps cannot be seen.
     *
     * @return NaN when the counter went back and does not wrap ({@code wrapJoules} infinite): it was reset
     */
    public static double delta(double start, double end, double wrapJoules) {
        if (!(wrapJoules > 0)) {
            throw new IllegalArgumentException("wrapJoules: expected > 0 (infinite when it does not wrap), got "
                    + wrapJoules);
        }
        if (end >= start) {
            return end - start;
        }
        return Double.isInfinite(wrapJoules) ? Double.NaN : end - start + wrapJoules;
    }
}
