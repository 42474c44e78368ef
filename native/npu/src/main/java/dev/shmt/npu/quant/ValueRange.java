package dev.shmt.npu.quant;

/**
 * The range of real values a tensor holds, measured from data (a representative sample) or declared by
 * a VOP. Quantization parameters are derived from it, never guessed.
 */
public record ValueRange(float min, float max) {
    public ValueRange {
        if (!Float.isFinite(min) || !Float.isFinite(max)) {
            throw new IllegalArgumentException("range must be finite, got [" + min + ", " + max + "]");
        }
        if (min > max) {
            throw new IllegalArgumentException("range min " + min + " is above max " + max);
        }
    }

    /** The smallest range holding every finite value of {@code data}; NaNs and infinities are skipped. */
    public static ValueRange of(float[] data) {
        return of(data, 0, data.length);
    }

    public static ValueRange of(float[] data, int from, int length) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = from, end = from + length; i < end; i++) {
            float v = data[i];
            if (Float.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            throw new IllegalArgumentException("no finite values to calibrate from");
        }
        return new ValueRange(lo, hi);
    }

    public ValueRange union(ValueRange other) {
        return new ValueRange(Math.min(min, other.min), Math.max(max, other.max));
    }

    /** This range widened to contain 0, as int8 quantization needs an exact zero. */
    public ValueRange withZero() {
        return new ValueRange(Math.min(min, 0f), Math.max(max, 0f));
    }

    public float width() {
        return max - min;
    }
}
