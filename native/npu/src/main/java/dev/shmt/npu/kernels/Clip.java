package dev.shmt.npu.kernels;

import dev.shmt.api.FloatMatrix;
import dev.shmt.npu.quant.ValueRange;

/**
 * The ends of an HLOP's int8 output range, and what lies behind them: an output the model clipped there is
 * recomputed on the host from the tile, exactly, so a finer output scale loses nothing where it saturates.
 * A fine scale then costs only the few outputs beyond it, a stencil's worth of host arithmetic each.
 *
 * @param lo dequantized outputs at or below it saturated low
 * @param hi dequantized outputs at or above it saturated high
 * @param tile the HLOP's input with its halo, in the data's units
 */
record Clip(float lo, float hi, FloatMatrix tile, StencilModel model) {
    /** No output is recomputed: what the model gave is what the HLOP gives. */
    static Clip none() {
        return new Clip(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, null, null);
    }

    /** The clip of a model whose outputs span {@code range}, in the model's units, quantized to 256 codes. */
    static Clip of(ValueRange range, FloatMatrix tile, StencilModel model) {
        float half = range.width() / 255f / 2f;
        return new Clip(range.min() + half, range.max() - half, tile, model);
    }

    boolean at(float modelValue) {
        return modelValue <= lo || modelValue >= hi;
    }

    /** Set {@code g}'s value at tile cell {@code (r, c)}, in fp32 on the host. */
    float exact(int g, int r, int c) {
        float[] w = model.weightsOf(g);
        int k = model.size();
        int h = model.halo();
        float sum = 0;
        for (int dr = 0; dr < k; dr++) {
            for (int dc = 0; dc < k; dc++) {
                sum += w[dr * k + dc] * tile.get(r + dr - h, c + dc - h);
            }
        }
        return sum;
    }
}
