package dev.shmt.runtime.qaws;

/**
 * How a tile's samples become its criticality score (section 3.5: "data range ... and standard
 * deviation within the region"). Higher means more critical. A tile with any non-finite sample scores
 * {@link Double#POSITIVE_INFINITY}: it is critical under every policy and never compares as "small".
 *
 * <p>{@link #STD_DEV} is the default. Its expected value does not depend on how many samples were
 * taken, whereas the sampled range of n samples grows with n; tiles of one call get different sample
 * counts (edge tiles are smaller, the minimum per tile applies to some and not others), so ranking by
 * range would favour the tiles that happened to get more samples. The standard deviation is also less
 * swayed by one outlying sample. {@link #RANGE} stays available for inputs where a single extreme
 * value is what matters (for example data whose int8 quantization range a tile might exceed).
 */
public enum Criticality {
    /** Sampled max - min. */
    RANGE,
    /** Sampled population standard deviation. */
    STD_DEV;

    /** The score of a tile whose samples {@code stats} holds. */
    public double score(TileStats stats) {
        if (stats.nonFinite() > 0) {
            return Double.POSITIVE_INFINITY;
        }
        return this == RANGE ? stats.range() : stats.stdDev();
    }
}
