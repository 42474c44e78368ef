package dev.shmt.runtime.qaws;

/**
 * The sampled criticality of every HLOP of one call.
 *
 * @param scores per HLOP: its score ({@link Criticality}); {@link Double#POSITIVE_INFINITY} when a
 *     sample was NaN or infinite; NaN when the call has no input view the sampler could read there
 * @param nonFinite per HLOP: NaN and infinite samples seen
 * @param nanos time the sampling took
 */
public record Assessment(double[] scores, int[] nonFinite, long nanos) {
    /** Sum of {@link #nonFinite}. */
    public long nonFiniteTotal() {
        long n = 0;
        for (int v : nonFinite) {
            n += v;
        }
        return n;
    }

    /** True for scores that make an HLOP critical whatever the ranking or limits say. */
    public static boolean alwaysCritical(double score) {
        return Double.isNaN(score) || score == Double.POSITIVE_INFINITY;
    }
}
