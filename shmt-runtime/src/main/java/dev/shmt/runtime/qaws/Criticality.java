package dev.shmt.runtime.qaws;

import dev.shmt.api.CriticalityMetric;

/**
 * How a tile's samples become its criticality score (section 3.5: "data range ... and standard
 * deviation within the region"). Higher means more critical. A tile with any non-finite sample scores
 * {@link Double#POSITIVE_INFINITY}: it is critical under every policy and never compares as "small".
 *
 * <p>The runtime's setting, for VOPs that name no metric of their own and whose NPU kernel declares
 * none ({@link TileSampling#metricFor}). {@link #STD_DEV} is the default. Its expected value does not depend on how many samples were
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

    /** The same statistic as a metric over a call's sample arrays (the largest over its inputs). */
    public CriticalityMetric metric() {
        return this == RANGE ? CriticalityMetric.RANGE : CriticalityMetric.STD_DEV;
    }

    /** The score of a tile whose samples {@code stats} holds. */
    public double score(TileStats stats) {
        if (stats.nonFinite() > 0) {
            return Double.POSITIVE_INFINITY;
        }
        return this == RANGE ? stats.range() : stats.stdDev();
    }
}
