package dev.shmt.api;

import java.util.Objects;

/**
 * The quality-aware policies' settings, fixed when a runtime is built ({@link Shmt.Builder#qaws}).
 *
 * @param samplingRate fraction of a tile's cells sampled, in (0, 1]; default 2^-15, the rate section 5.4
 *     found enough (MAPE stopped improving there)
 * @param minSamples samples per tile at least, whatever the rate; default {@value #DEFAULT_MIN_SAMPLES}.
 *     At 2^-15 a 256 x 256 tile would get 2 samples, too few for a range or a deviation, while
 *     {@value #DEFAULT_MIN_SAMPLES} reads per tile cost well under a microsecond
 * @param criticality the score the policies rank and limit tiles by, for VOPs that name none of their own
 *     and whose NPU kernel declares none; default {@link CriticalityMetric#STD_DEV}: its expected value does
 *     not depend on how many samples a tile got, whereas a sampled range grows with them
 * @param criticalFraction K: the fraction of HLOPs that are critical when the VOP gives no hint, in
 *     [0, 1]; default {@value #DEFAULT_CRITICAL_FRACTION}, so the widest-spread quarter of the tiles (the
 *     edges of an image, say) stays on precise devices while approximate ones may take the rest
 * @param window W: HLOPs ranked together by top-K, >= 1; default {@value #DEFAULT_WINDOW}, so a
 *     2048 x 2048 image in the default 256 x 256 tiles is ranked as one window
 * @param seed the uniform sampler's seed; a fixed default keeps runs reproducible
 */
public record QawsSettings(double samplingRate, int minSamples, CriticalityMetric criticality, double criticalFraction,
                           int window, long seed) {
    public static final double DEFAULT_SAMPLING_RATE = 0x1p-15;
    public static final int DEFAULT_MIN_SAMPLES = 32;
    public static final double DEFAULT_CRITICAL_FRACTION = 0.25;
    public static final int DEFAULT_WINDOW = 64;
    public static final long DEFAULT_SEED = 0x5EED_0F_5A3B_1E5L;
    public static final QawsSettings DEFAULTS = new QawsSettings(DEFAULT_SAMPLING_RATE, DEFAULT_MIN_SAMPLES,
            CriticalityMetric.STD_DEV, DEFAULT_CRITICAL_FRACTION, DEFAULT_WINDOW, DEFAULT_SEED);

    public QawsSettings {
        checkSamplingRate(samplingRate);
        checkMinSamples(minSamples);
        Objects.requireNonNull(criticality, "criticality");
        checkCriticalFraction(criticalFraction);
        checkWindow(window);
    }

    public static void checkSamplingRate(double rate) {
        if (!(rate > 0 && rate <= 1)) {
            throw new IllegalArgumentException("samplingRate must be in (0, 1] (a fraction of each tile's cells), got "
                    + rate);
        }
    }

    public static void checkMinSamples(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("minSamples must be >= 1, got " + n);
        }
    }

    public static void checkCriticalFraction(double k) {
        if (!(k >= 0 && k <= 1)) {
            throw new IllegalArgumentException("criticalFraction (K) must be in [0, 1], got " + k);
        }
    }

    public static void checkWindow(int w) {
        if (w < 1) {
            throw new IllegalArgumentException("window (W) must be >= 1 HLOP, got " + w);
        }
    }

    /** Samples for a tile of {@code cells}: the rate's share, at least the minimum, at most every cell. */
    public int samplesFor(long cells) {
        long byRate = (long) Math.ceil(samplingRate * cells);
        return (int) Math.min(cells, Math.max(minSamples, byRate));
    }

    /** K for {@code hint}: the VOP's own when it gives one (>= 0), else this runtime's. */
    public double criticalFraction(double hint) {
        return hint >= 0 ? hint : criticalFraction;
    }

    public QawsSettings withSamplingRate(double v) {
        return new QawsSettings(v, minSamples, criticality, criticalFraction, window, seed);
    }

    public QawsSettings withMinSamples(int v) {
        return new QawsSettings(samplingRate, v, criticality, criticalFraction, window, seed);
    }

    public QawsSettings withCriticality(CriticalityMetric v) {
        return new QawsSettings(samplingRate, minSamples, v, criticalFraction, window, seed);
    }

    public QawsSettings withCriticalFraction(double v) {
        return new QawsSettings(samplingRate, minSamples, criticality, v, window, seed);
    }

    public QawsSettings withWindow(int v) {
        return new QawsSettings(samplingRate, minSamples, criticality, criticalFraction, v, seed);
    }

    public QawsSettings withSeed(long v) {
        return new QawsSettings(samplingRate, minSamples, criticality, criticalFraction, window, v);
    }
}
