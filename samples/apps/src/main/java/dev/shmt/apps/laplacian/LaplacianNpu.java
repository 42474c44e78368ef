package dev.shmt.apps.laplacian;

import dev.shmt.apps.common.Images;
import dev.shmt.npu.kernels.StencilKernel;
import dev.shmt.npu.kernels.StencilModel;
import dev.shmt.npu.quant.ValueRange;

/**
 * {@link Laplacian#laplacian} on the NPU: its 5-point weights as one int8 convolution. Each tile's own range
 * is spread over the model's input range on the host and the map undone on the output (the weights sum to
 * zero, so only the scale is undone), so flat tiles come out nearly exact and tiles crossed by edges lose
 * the most: range is its criticality.
 */
public final class LaplacianNpu extends StencilKernel {
    public LaplacianNpu() {
        super(new StencilModel(Laplacian.WEIGHTS, 3, new ValueRange(Images.MIN, Images.MAX)));
    }
}
