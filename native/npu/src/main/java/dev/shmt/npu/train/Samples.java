package dev.shmt.npu.train;

import dev.shmt.npu.quant.ValueRange;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Points drawn uniformly in the input domain with their exact targets, row-major ({@code x[i *
 * features + j]}) in flat arrays so training touches no objects per point. Drawing is seeded and
 * sequential, so the same seed gives the same points on every machine.
 */
public final class Samples {
    private final int count;
    private final int features;
    private final float[] x;
    private final float[] y;

    Samples(int count, int features, float[] x, float[] y) {
        this.count = count;
        this.features = features;
        this.x = x;
        this.y = y;
    }

    /** {@code count} points uniform in {@code ranges}, each target computed by {@code f}. */
    public static Samples uniform(TargetFunction f, ValueRange[] ranges, int count, long seed) {
        Objects.requireNonNull(f, "f");
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        int features = ranges.length;
        float[] x = new float[count * features];
        float[] y = new float[count];
        float[] point = new float[features];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < features; j++) {
                ValueRange r = ranges[j];
                float v = (float) (r.min() + random.nextDouble() * ((double) r.max() - r.min()));
                point[j] = Math.min(v, r.max()); // rounding to float must not step past the domain
                x[i * features + j] = point[j];
            }
            float t = f.apply(point);
            if (!Float.isFinite(t)) {
                throw new IllegalArgumentException("the target function gave " + t + " at "
                        + java.util.Arrays.toString(point) + ", inside the input ranges; it must be finite there");
            }
            y[i] = t;
        }
        return new Samples(count, features, x, y);
    }

    public int count() {
        return count;
    }

    public int features() {
        return features;
    }

    /** The inputs, row-major; the array itself, not a copy. */
    public float[] x() {
        return x;
    }

    /** The exact targets; the array itself, not a copy. */
    public float[] y() {
        return y;
    }
}
