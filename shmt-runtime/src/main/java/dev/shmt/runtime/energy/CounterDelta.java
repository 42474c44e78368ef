package dev.shmt.runtime.energy;

/** The energy between two reads of a counter that wraps to 0. */
public final class CounterDelta {
    private CounterDelta() {}

    /**
     * {@code end - start}, plus {@code wrapJoules} when the counter wrapped in between ({@code end < start});
     * NaN when it went backwards and does not wrap. A counter that wrapped more than once between the two
     * reads cannot be told from one that wrapped once.
     */
    public static double delta(double start, double end, double wrapJoules) {
        if (end >= start) {
            return end - start;
        }
        return Double.isInfinite(wrapJoules) ? Double.NaN : end + wrapJoules - start;
    }
}
