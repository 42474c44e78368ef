package dev.shmt.examples;

import dev.shmt.npu.kernels.StencilKernel;
import dev.shmt.npu.kernels.StencilModel;
import dev.shmt.npu.quant.ValueRange;

/**
 * {@link Filters#sharpen3} on the NPU: the same weights as an int8 convolution. Its input range is the
 * demo image's (values 0 to 255 plus noise); quantization is calibrated from it, and the output range
 * follows from the weights.
 */
public final class Sharpen3Npu extends StencilKernel {
    public Sharpen3Npu() {
        super(new StencilModel(Filters.SHARPEN3, 3, new ValueRange(-32f, 288f)));
    }
}
