package dev.shmt.npu.quant;

/**
 * Affine int8 quantization: {@code real = scale * (q - zeroPoint)}, q saturated to
 * [{@link #qmin}, {@link #qmax}]. Rounding is to nearest (ties up); values past the range saturate, never wrap.
 */
public record QuantParams(float scale, int zeroPoint, int qmin, int qmax) {
    public static final int INT8_MIN = -128;
    public static final int INT8_MAX = 127;

    public QuantParams {
        if (!(scale > 0) || !Float.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be a positive finite number, got " + scale);
        }
        if (qmin >= qmax || zeroPoint < qmin || zeroPoint > qmax) {
            throw new IllegalArgumentException("zeroPoint " + zeroPoint + " must lie in [" + qmin + ", " + qmax + "]");
        }
    }

    public static QuantParams int8(float scale, int zeroPoint) {
        return new QuantParams(scale, zeroPoint, INT8_MIN, INT8_MAX);
    }

    /**
     * Asymmetric int8 parameters covering {@code range} (widened to hold 0, which then quantizes
     * exactly). A range of width 0 gets the smallest step that keeps its value representable.
     */
    public static QuantParams int8(ValueRange range) {
        ValueRange r = range.withZero();
        double width = (double) r.max() - r.min();
        if (width == 0) {
            return int8(1f / 256, 0); // all zeros: any step represents them; a fine one loses nothing
        }
        double scale = width / (INT8_MAX - INT8_MIN);
        long zp = Math.round(INT8_MIN - r.min() / scale);
        zp = Math.max(INT8_MIN, Math.min(INT8_MAX, zp));
        return int8((float) scale, (int) zp);
    }

    /** Symmetric int8 parameters (zero point 0) covering [-absMax, absMax]: the form weights use. */
    public static QuantParams symmetric(float absMax) {
        if (!(absMax >= 0) || !Float.isFinite(absMax)) {
            throw new IllegalArgumentException("absMax must be finite and >= 0, got " + absMax);
        }
        return int8(absMax == 0 ? 1f : absMax / INT8_MAX, 0);
    }

    public int quantize(float v) {
        return quantize(v, 1f / scale, zeroPoint, qmin, qmax);
    }

    /**
     * The one rounding rule, shared with the NPU tensors' bulk loops so both give the same code for
     * the same value: round half up (shifted positive so a truncating cast floors), saturate to
     * [qmin, qmax]; NaN becomes the zero point (real 0).
     */
    public static int quantize(float v, float inverseScale, int zeroPoint, int qmin, int qmax) {
        float shifted = v * inverseScale + (zeroPoint + 256.5f); // > 0 for every code in range
        if (shifted != shifted) {
            return zeroPoint;
        }
        int q = (int) Math.max(shifted, 0f) - 256; // the max keeps huge negatives from wrapping
        return q < qmin ? qmin : (q > qmax ? qmax : q);
    }

    public float dequantize(int q) {
        return scale * (q - zeroPoint);
    }

    /** The real values this tensor can hold. */
    public ValueRange range() {
        return new ValueRange(dequantize(qmin), dequantize(qmax));
    }
}
