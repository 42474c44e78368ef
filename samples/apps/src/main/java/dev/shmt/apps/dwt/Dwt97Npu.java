package dev.shmt.apps.dwt;

import dev.shmt.apps.common.Images;
import dev.shmt.npu.kernels.PolyphaseKernel;
import dev.shmt.npu.kernels.StencilModel;
import dev.shmt.npu.quant.ValueRange;

/**
 * {@link Dwt97#forward} on the NPU: the four 9 x 9 products of the lowpass and highpass filters (LL, LH,
 * HL, HH) as one int8 convolution with four weight sets, each cell keeping the set of its parities. The
 * four share one output quantization, the widest set's (HH reaches about 4 times the input range), so
 * the lowpass cells get steps coarser than their own range would need.
 */
public final class Dwt97Npu extends PolyphaseKernel {
    public Dwt97Npu() {
        super(new StencilModel(new float[][] {outer(Dwt97.LOW, Dwt97.LOW), outer(Dwt97.LOW, Dwt97.HIGH),
            outer(Dwt97.HIGH, Dwt97.LOW), outer(Dwt97.HIGH, Dwt97.HIGH)}, 2 * Dwt97.HALO + 1,
                new ValueRange(Images.MIN, Images.MAX)));
    }

    /** Row-major 9 x 9: the column filter {@code down} times the row filter {@code across}. */
    private static float[] outer(float[] down, float[] across) {
        int k = down.length;
        float[] w = new float[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                w[i * k + j] = down[i] * across[j];
            }
        }
        return w;
    }
}
