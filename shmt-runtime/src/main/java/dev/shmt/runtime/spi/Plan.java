package dev.shmt.runtime.spi;

/**
 * A policy's initial plan for one call.
 *
 * @param queueOf for each HLOP, the index (into the eligible devices) of the incoming queue it starts in
 * @param samplingNanos time spent sampling inputs (or, for the oracle, running trials) to make the plan;
 *     zero for policies that do not sample
 * @param criticality per HLOP, its criticality score; null when the policy does not score HLOPs
 * @param critical per HLOP, whether it is critical: it then never runs on a device less precise than the
 *     one it is planned on, stolen or re-routed alike; null when nothing is critical
 * @param nonFiniteSamples NaN and infinite values the sampling met
 */
public record Plan(int[] queueOf, long samplingNanos, double[] criticality, boolean[] critical, long nonFiniteSamples) {
    public Plan {
        if (criticality != null && criticality.length != queueOf.length
                || critical != null && critical.length != queueOf.length) {
            throw new IllegalArgumentException("a plan needs one criticality and one critical flag per HLOP ("
                    + queueOf.length + ")");
        }
    }

    /**
     * The key plans rank scores by: the score, with unscored HLOPs (NaN) ranked with the non-finite ones
     * at the top, since nothing shows an approximate device is safe for them.
     */
    public static double rankKey(double score) {
        return Double.isNaN(score) ? Double.POSITIVE_INFINITY : score;
    }

    /** A plan that scores nothing. */
    public Plan(int[] queueOf, long samplingNanos) {
        this(queueOf, samplingNanos, null, null, 0);
    }
}
