package dev.shmt.runtime.qaws;

/**
 * Running statistics of one tile's samples: count, min, max, mean and the sum of squared deviations
 * (Welford's update, so one pass and no sample buffer). Non-finite samples (NaN, infinities) are
 * counted apart and kept out of the statistics; {@link Criticality} turns their presence into a
 * critical tile rather than letting them poison the score. Reused across tiles: {@link #reset()}.
 */
public final class TileStats implements SampleSink {
    private long count;
    private long nonFinite;
    private double mean;
    private double m2;
    private float min;
    private float max;

    public TileStats() {
        reset();
    }

    public void reset() {
        count = 0;
        nonFinite = 0;
        mean = 0;
        m2 = 0;
        min = Float.POSITIVE_INFINITY;
        max = Float.NEGATIVE_INFINITY;
    }

    @Override
    public void add(float v) {
        if (!Float.isFinite(v)) {
            nonFinite++;
            return;
        }
        count++;
        double d = v - mean;
        mean += d / count;
        m2 += d * (v - mean);
        if (v < min) {
            min = v;
        }
        if (v > max) {
            max = v;
        }
    }

    /** Finite samples seen. */
    public long count() {
        return count;
    }

    /** NaN and infinite samples seen. */
    public long nonFinite() {
        return nonFinite;
    }

    /** max - min of the finite samples; 0 when there are none. */
    public double range() {
        return count == 0 ? 0 : (double) max - min;
    }

    /** Population standard deviation of the finite samples; 0 when there are none. */
    public double stdDev() {
        return count == 0 ? 0 : Math.sqrt(m2 / count);
    }

    public double mean() {
        return mean;
    }
}
