package dev.shmt.npu.model;

import dev.shmt.npu.quant.QuantParams;

/**
 * Float weights turned into TFLite's int8 form: symmetric (zero point 0, codes in [-127, 127], the
 * range TFLite's int8 kernels assume for weights), one scale per tensor or per output channel, each
 * calibrated from the weights' own largest magnitude so no weight saturates and no code range is
 * wasted. The matching int32 bias uses scale {@code inputScale * weightScale}, which is what lets the
 * kernels add it straight into the int32 accumulator.
 */
final class QuantizedWeights {
    final byte[] codes;
    final float[] scales;

    private QuantizedWeights(byte[] codes, float[] scales) {
        this.codes = codes;
        this.scales = scales;
    }

    /**
     * @param channels number of channels (scales) when per channel
     * @param channelLast true when the channel is the innermost axis (depthwise weights), false when it
     *     is the outermost (conv and fully connected weights)
     */
    static QuantizedWeights quantize(float[] w, int channels, boolean channelLast, WeightScales granularity) {
        int groups = granularity == WeightScales.PER_CHANNEL ? channels : 1;
        int perChannel = w.length / channels;
        float[] absMax = new float[groups];
        for (int i = 0; i < w.length; i++) {
            int g = groups == 1 ? 0 : channelOf(i, channels, perChannel, channelLast);
            absMax[g] = Math.max(absMax[g], Math.abs(w[i]));
        }
        float[] scales = new float[groups];
        for (int g = 0; g < groups; g++) {
            scales[g] = QuantParams.symmetric(absMax[g]).scale();
        }
        if (granularity == WeightScales.PER_TENSOR_FITTED && absMax[0] > 0) {
            scales[0] = fitted(w, absMax[0], scales[0]);
        }
        byte[] codes = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            int g = groups == 1 ? 0 : channelOf(i, channels, perChannel, channelLast);
            codes[i] = (byte) round(w[i] / (double) scales[g], -QuantParams.INT8_MAX, QuantParams.INT8_MAX);
        }
        return new QuantizedWeights(codes, scales);
    }

    /**
     * The scale {@code absMax / q}, q from 64 to 127, whose rounding of {@code w} is the least in absolute
     * sum, ties to the larger q (finer); {@code symmetric}, the q = 127 scale, unless another rounds less.
     */
    private static float fitted(float[] w, float absMax, float symmetric) {
        float best = symmetric;
        double bestError = error(w, symmetric);
        for (int q = QuantParams.INT8_MAX - 1; q >= 64 && bestError > 0; q--) {
            float s = absMax / q;
            double e = error(w, s);
            if (e < bestError - 1e-12) {
                best = s;
                bestError = e;
            }
        }
        return best;
    }

    private static double error(float[] w, float scale) {
        double sum = 0;
        for (float v : w) {
            double q = Math.rint(v / (double) scale);
            sum += Math.abs(q * scale - v);
        }
        return sum;
    }

    /** Bias scales: {@code inputScale * weightScale}, one per weight scale. */
    float[] biasScales(float inputScale) {
        float[] s = new float[scales.length];
        for (int g = 0; g < s.length; g++) {
            s[g] = (float) ((double) inputScale * scales[g]);
        }
        return s;
    }

    /** The int32 bias for {@code bias} (null: zeros) with {@link #biasScales}; one value per channel. */
    static int[] quantizeBias(float[] bias, int channels, float[] biasScales) {
        int[] q = new int[channels];
        if (bias != null) {
            for (int c = 0; c < channels; c++) {
                float s = biasScales[biasScales.length == 1 ? 0 : c];
                q[c] = (int) round(bias[c] / (double) s, Integer.MIN_VALUE, Integer.MAX_VALUE);
            }
        }
        return q;
    }

    private static int channelOf(int i, int channels, int perChannel, boolean channelLast) {
        return channelLast ? i % channels : i / perChannel;
    }

    /** Round to nearest (ties to even), then saturate: never truncate, never wrap. */
    private static long round(double v, long lo, long hi) {
        double r = Math.rint(v);
        return r < lo ? lo : r > hi ? hi : (long) r;
    }
}
