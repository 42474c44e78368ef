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
 * maps stencils onto the NPU (section 4.2): a convolution with VALID padding, so a tile with its halo
 * goes in and the tile comes out.
 *
 * <p>Columns are folded into channels: each run of {@link #block()} adjacent pixels is one position
 * with {@code block} channels, and the kernel becomes {@code k x 3} positions wide ({@code block} to
 * either side) with zeros where the stencil does not reach. A one-channel convolution leaves most of
 * an int8 GEMM's lanes idle; this layout keeps them busy (docs/measurements.md has the figures).
 *
 * <p>A model may hold several weight sets of the same size (Sobel's Gx and Gy, say): set {@code g}
 * fills channels {@code [g * block, (g + 1) * block)} of every output position, so one convolution
 * reads the input once for all of them. Element {@code (r, c)} of set {@code g} sits at
 * {@link #outputIndex}.
 *
 * <p>Quantization is calibrated from the declared input range: the output range follows exactly from
 * the weights (each weight times the end of the input range that pushes the sum furthest), so no
 * output saturates; with several sets, the output tensor is one int8 tensor and covers the union of
 * their ranges. {@link StencilKernel} spreads each tile's own values over the input range first.
 */
public final class StencilModel {
    private final float[][] weights;
    private final int k;
    private final int block;
    private final ValueRange input;
    private final ValueRange output;
    private final float[] weightSums;

    /**
     * @param weights row-major {@code k x k}
     * @param input the values the stencil's input can hold (the VOP's declared range)
     */
    public StencilModel(float[] weights, int k, ValueRange input) {
        this(new float[][] {weights}, k, input);
    }

    /**
     * A model computing several stencils of one size over the same input.
     *
     * @param weightSets one or more row-major {@code k x k} weight arrays, one output channel group each
     * @param input the values the stencils' input can hold (the VOP's declared range)
     */
    public StencilModel(float[][] weightSets, int k, ValueRange input) {
        if (k < 1 || k % 2 == 0) {
            throw new IllegalArgumentException("k must be odd and >= 1, got " + k);
        }
        if (weightSets == null || weightSets.length == 0) {
            throw new IllegalArgumentException("weightSets must hold at least one k x k weight array");
        }
        this.weights = new float[weightSets.length][];
        ValueRange out = null;
        for (int g = 0; g < weightSets.length; g++) {
            float[] w = weightSets[g];
            if (w == null || w.length != k * k) {
                throw new IllegalArgumentException((weightSets.length == 1 ? "weights" : "weightSets[" + g + "]")
                        + " must hold k x k = " + k * k + " values, got " + (w == null ? "null" : w.length));
            }
            this.weights[g] = w.clone();
            ValueRange r = reach(w, input);
            out = out == null ? r : out.union(r);
        }
        this.k = k;
        this.block = Math.max(16, k / 2);
        this.input = input;
        this.output = out;
        this.weightSums = sums(this.weights);
    }

    private static float[] sums(float[][] sets) {
        float[] sums = new float[sets.length];
        for (int g = 0; g < sets.length; g++) {
            double sum = 0;
            for (float w : sets[g]) {
                sum += w;
            }
            sums[g] = (float) sum;
        }
        return sums;
    }

    /** Every value {@code sum w x} can take for {@code x} in {@code input}. */
    private static ValueRange reach(float[] weights, ValueRange input) {
        double lo = 0;
        double hi = 0;
        for (float w : weights) {
            lo += w * (double) (w >= 0 ? input.min() : input.max());
            hi += w * (double) (w >= 0 ? input.max() : input.min());
        }
        return new ValueRange((float) lo, (float) hi);
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

    /** Weight sets, i.e. output channel groups of {@link #block()} channels per position. */
    public int sets() {
        return weights.length;
    }

    /** The stencil's side, {@code k}. */
    public int size() {
        return k;
    }

    /** Weight set {@code g} itself, for this package's passes over a tile: not to be changed. */
    float[] weightsOf(int g) {
        return weights[g];
    }

    /** A copy of weight set {@code g}, row-major {@code k x k}. */
    public float[] weights(int g) {
        return weights[g].clone();
    }

    /**
     * The sum of weight set {@code g}: how a host shift of every input moves that set's output. The float
     * weights' sum, not the int8 model's: undoing the shift {@code o} with it gives {@code W x + (W_q - W)
     * (x - o)}, so the model's weight rounding touches only the HLOP's spread around {@code o}.
     */
    public float weightSum(int g) {
        return weightSums[g];
    }

    /** Pixels folded into the channels of one position. */
    public int block() {
        return block;
    }

    private int blocks(int cols) {
        return (cols + block - 1) / block;
    }

    /** Elements of one input tensor row for tiles {@code cols} wide: a block of padding each side. */
    public int inputRowLength(int cols) {
        return (blocks(cols) + 2) * block;
    }

    /** Where a tile row with its halo starts in an input tensor row: column 0 sits one block in. */
    public int inputRowStart() {
        return block - halo();
    }

    /**
     * Elements of one output tensor row. With one set, the first {@code cols} are the tile's; in
     * general see {@link #outputIndex}.
     */
    public int outputRowLength(int cols) {
        return blocks(cols) * block * weights.length;
    }

    /** Where set {@code g}'s output for tile column {@code c} lies within an output tensor row. */
    public int outputIndex(int c, int g) {
        return ((c / block) * weights.length + g) * block + c % block;
    }

    /** The model for tiles of {@code rows x cols} (without halo), its outputs over their whole reach. */
    public ByteBuffer build(int rows, int cols) {
        return build(rows, cols, 0);
    }

    /**
     * The model for tiles of {@code rows x cols} at output ladder step {@code step}: its outputs cover
     * 2^(-step/2) of their reach, so their int8 step is that much finer and larger values saturate.
     */
    public ByteBuffer build(int rows, int cols, int step) {
        if (step < 0 || step >= OutputLadder.STEPS) {
            throw new IllegalArgumentException("step must be in [0, " + OutputLadder.STEPS + "), got " + step);
        }
        int h = halo();
        int b = block;
        int sets = weights.length;
        // weight[g * b + j][kr][kc][i]: set g's output pixel j of a block, kernel row kr, block offset
        // kc - 1, input pixel i.
        float[] w = new float[sets * b * k * 3 * b];
        for (int g = 0; g < sets; g++) {
            float[] wg = weights[g];
            for (int j = 0; j < b; j++) {
                int o = g * b + j;
                for (int kr = 0; kr < k; kr++) {
                    for (int kc = 0; kc < 3; kc++) {
                        for (int i = 0; i < b; i++) {
                            int dc = (kc - 1) * b + i - j;
                            if (dc >= -h && dc <= h) {
                                w[((o * k + kr) * 3 + kc) * b + i] = wg[kr * k + dc + h];
                            }
                        }
                    }
                }
            }
        }
        ModelBuilder mb = new ModelBuilder((sets == 1 ? "stencil " : sets + " stencils ") + k + "x" + k + " on "
                + rows + "x" + cols + " tiles" + (step == 0 ? "" : ", outputs over 2^-" + step + "/2 of their reach"));
        ModelBuilder.Tensor x = mb.input("tile", QuantParams.int8(input), 1, rows + 2 * h, blocks(cols) + 2, b);
        ModelBuilder.Tensor y = mb.conv2d(x, Conv.of(w, sets * b, k, 3, null).padding(Padding.VALID),
                QuantParams.int8(OutputLadder.range(output, step).withZero()), WeightScales.PER_TENSOR_FITTED);
        mb.output(y);
        return mb.build();
    }
}
