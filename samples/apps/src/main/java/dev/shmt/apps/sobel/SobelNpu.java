package dev.shmt.apps.sobel;

import dev.shmt.apps.common.Images;
import dev.shmt.npu.kernels.MagnitudeKernel;
import dev.shmt.npu.kernels.StencilModel;
import dev.shmt.npu.quant.ValueRange;

/**
 * {@link Sobel#sobel} on the NPU: Gx and Gy as one int8 convolution, the magnitude on the host. Each
 * tile's own range is spread over the model's input range on the host ({@link MagnitudeKernel}), and its
 * output scale is the finest step of the ladder that holds the tile's gradients (outputs past it are
 * recomputed on the host): a photograph's tiles span the whole range, yet their gradients mostly use a
 * fraction of what that range could reach. The README's NPU section gives the error this leaves, on the
 * generated image and on the bundled photographs.
 */
public final class SobelNpu extends MagnitudeKernel {
    public SobelNpu() {
        super(new StencilModel(new float[][] {Sobel.SOBEL_X, Sobel.SOBEL_Y}, 3,
                new ValueRange(Images.MIN, Images.MAX)));
    }
}
