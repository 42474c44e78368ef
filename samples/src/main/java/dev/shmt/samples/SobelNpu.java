package dev.shmt.samples;

import dev.shmt.npu.kernels.MagnitudeKernel;
import dev.shmt.npu.kernels.StencilModel;
import dev.shmt.npu.quant.ValueRange;

/**
 * {@link ImageOps#sobel} on the NPU: Gx and Gy as one int8 convolution, the magnitude on the host. Its
 * input range is that of {@link Images#structured} images; quantization is calibrated from it, and the
 * range of Gx and Gy follows from the weights.
 */
public final class SobelNpu extends MagnitudeKernel {
    public SobelNpu() {
        super(new StencilModel(new float[][] {ImageOps.SOBEL_X, ImageOps.SOBEL_Y}, 3,
                new ValueRange(Images.MIN, Images.MAX)));
    }
}
