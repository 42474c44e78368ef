package dev.shmt.npu.kernels;

import dev.shmt.npu.model.Conv;
import dev.shmt.npu.model.ModelBuilder;
import dev.shmt.npu.model.Padding;
import dev.shmt.npu.model.WeightScales;
import dev.shmt.npu.quant.QuantParams;
import dev.shmt.npu.quant.ValueRange;
import java.nio.ByteBuffer;

/**
 * A fixed-weight {@code k x k} stencil as an int8 CONV_2D model for one tile shape, the way the paper
 * maps stencils onto the Edge TPU (section 4.2): one input channel, one output channel, VALID padding,
 * so a tile with its halo goes in and exactly the tile comes out.
 *
 * <p>Quantization is calibrated from the declared input range: the output range follows exactly from
 * the weights (each weight times the end of the input range that pushes the sum furthest).
 */
public final class StencilModel {
    private final float[] weights;
    private final int k;
    private final ValueRange input;
    private final ValueRange output;

    /**
     * @param weights row-major {@code k x k}
     * @param input the values the stencil's input can hold (the VOP's declared range)
     */
    public StencilModel(float[] weights, int k, ValueRange input) {
        if (k < 1 || k % 2 == 0) {
            throw new IllegalArgumentException("k must be odd and >= 1, got " + k);
        }
        if (weights == null || weights.length != k * k) {
            throw new IllegalArgumentException("weights must hold k x k = " + k * k + " values, got "
                    + (weights == null ? "null" : weights.length));
        }
        this.weights = weights.clone();
        this.k = k;
        this.input = input;
        double lo = 0;
        double hi = 0;
        for (float w : weights) {
            lo += w * (double) (w >= 0 ? input.min() : input.max());
            hi += w * (double) (w >= 0 ? input.max() : input.min());
        }
        this.output = new ValueRange((float) lo, (float) hi);
    }

    /** Cells the stencil reads each side: the halo its VOP must declare. */
    public int halo() {
        return k / 2;
    }

    public ValueRange inputRange() {
        return input;
    }

    /** The range every output can reach, derived from the weights and the input range. */
    public ValueRange outputRange() {
        return output;
    }

    /** The model for tiles of {@code rows x cols} (without halo). */
    public ByteBuffer build(int rows, int cols) {
        int h = halo();
        ModelBuilder b = new ModelBuilder("stencil " + k + "x" + k + " on " + rows + "x" + cols + " tiles");
        ModelBuilder.Tensor x = b.input("tile", QuantParams.int8(input), 1, rows + 2 * h, cols + 2 * h, 1);
        ModelBuilder.Tensor y = b.conv2d(x, Conv.of(weights, 1, k, k, null).padding(Padding.VALID),
                QuantParams.int8(output), WeightScales.PER_TENSOR);
        b.output(y);
        return b.build();
    }
}
