package dev.shmt.samples;

import dev.shmt.npu.kernels.MagnitudeKernel;
import dev.shmt.npu.kernels.StencilModel;
import dev.shmt.npu.quant.ValueRange;

/**
 * {@link ImageOps#sobel} on the NPU: Gx and Gy as one int8 convolution, the magnitude on the host. Its
 * input range is that of {@link Images#structured} images. Gx and Gy can reach +-1020 there, but only
 * at the hardest edges: over the full range one int8 step would be 8, as coarse as most gradients
 * themselves. So, as post-training quantization calibrates on representative data, the outputs are
 * quantized over {@link #GRADIENT_RANGE} and saturate beyond it, which is what makes edge tiles
 * critical for QAWS.
 */
public final class SobelNpu extends MagnitudeKernel {
    /** Gx and Gy values quantized without saturation: a step of 4, half the full range's. */
    public static final ValueRange GRADIENT_RANGE = new ValueRange(-510f, 510f);

    public SobelNpu() {
        super(new StencilModel(new float[][] {ImageOps.SOBEL_X, ImageOps.SOBEL_Y}, 3,
                new ValueRange(Images.MIN, Images.MAX)).withOutputRange(GRADIENT_RANGE));
    }
}
