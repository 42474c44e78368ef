package dev.shmt.apps.meanfilter;

import dev.shmt.apps.common.Images;
import dev.shmt.npu.kernels.StencilKernel;
import dev.shmt.npu.kernels.StencilModel;
import dev.shmt.npu.quant.ValueRange;

/**
 * {@link MeanFilter#mean3} on the NPU: the nine weights of 1/9 as one int8 convolution, with each tile's own
 * range spread over the model's input range on the host, so a tile's int8 error grows with its range.
 */
public final class Mean3Npu extends StencilKernel {
    public Mean3Npu() {
        super(new StencilModel(MeanFilter.WEIGHTS, 3, new ValueRange(Images.MIN, Images.MAX)));
    }
}
