package dev.shmt.npu.kernels;

import dev.shmt.npu.model.Activation;
import dev.shmt.npu.model.ModelBuilder;
import dev.shmt.npu.model.WeightScales;
import dev.shmt.npu.quant.QuantParams;
import dev.shmt.npu.quant.ValueRange;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The orthonormal 2-D DCT-II of 8 x 8 blocks as one int8 FULLY_CONNECTED layer: each block, flattened
 * row-major into a 64-vector {@code x[8y + x']}, times the 64 x 64 basis {@code K = kron(C, C)}, {@code
 * K[8v + u][8y + x] = C[v][y] C[u][x]} with {@code C[u][x] = a(u) cos((2x + 1) u pi / 16)}, gives the
 * block's coefficients {@code (C X C^T)[v][u]} at {@code 8v + u}.
 *
 * <p>Quantization as {@link DftModel}'s: inputs symmetric over [-1, 1] ({@link Dct8x8Kernel} scales each
 * block into it); weights one scale per output (per channel); the output tensor one scale, over the
 * largest coefficient range R, with the basis row of each coefficient k multiplied by {@code R /
 * range[k]} so that every coefficient spreads over all int8 output steps (the host divides it out again,
 * {@link #unscale}). Without that, the high frequencies of smooth blocks, far smaller than the low ones,
 * would get a few steps each.
 */
public final class Dct8x8Model {
    /** Values in a block, and coefficients out of it. */
    public static final int CELLS = 64;

    /** What {@link Dct8x8Kernel} scales each block into: the int8 input covers it exactly. */
    public static final ValueRange INPUT_RANGE = new ValueRange(-1f, 1f);

    /** The most a coefficient is stretched: ranges below R / 2^12 count as R / 2^12. */
    private static final float MAX_GAIN = 4096f;

    private final float[] range;
    private final float outputMax;

    /**
     * @param coefficientRanges for each coefficient {@code k = 8v + u} of blocks scaled into {@link
     *     #INPUT_RANGE}, the largest |value| to represent; larger values saturate. 64 finite values >= 0,
     *     not all 0.
     */
    public Dct8x8Model(float[] coefficientRanges) {
        Objects.requireNonNull(coefficientRanges, "coefficientRanges");
        if (coefficientRanges.length != CELLS) {
            throw new IllegalArgumentException("coefficientRanges must hold one range per coefficient, " + CELLS
                    + ", got " + coefficientRanges.length);
        }
        float max = 0f;
        for (int k = 0; k < CELLS; k++) {
            float r = coefficientRanges[k];
            if (!(r >= 0) || !Float.isFinite(r)) {
                throw new IllegalArgumentException("coefficientRanges[" + k + "] must be finite and >= 0, got " + r);
            }
            max = Math.max(max, r);
        }
        if (max == 0f) {
            throw new IllegalArgumentException("coefficientRanges must hold a value > 0");
        }
        this.outputMax = max;
        this.range = new float[CELLS];
        for (int k = 0; k < CELLS; k++) {
            range[k] = Math.max(coefficientRanges[k], max / MAX_GAIN);
        }
    }

    /**
     * The largest |coefficient| a block in {@link #INPUT_RANGE} can have, per coefficient: the sum of
     * |K[k][i]| over its basis row. Ranges this wide never saturate.
     */
    public static float[] boundRanges() {
        double[] k = basis();
        float[] out = new float[CELLS];
        for (int row = 0; row < CELLS; row++) {
            double s = 0;
            for (int i = 0; i < CELLS; i++) {
                s += Math.abs(k[row * CELLS + i]);
            }
            out[row] = (float) s;
        }
        return out;
    }

    /** The largest coefficient range R: the output tensor covers [-R, R]. */
    public float outputMax() {
        return outputMax;
    }

    /** What the model's output for coefficient k is multiplied by to undo its gain: {@code range[k] / R}. */
    public float unscale(int k) {
        return range[k] / outputMax;
    }

    /** The model for {@code blocks} blocks at once: input and output {@code [blocks, 64]}. */
    public ByteBuffer build(int blocks) {
        if (blocks < 1) {
            throw new IllegalArgumentException("blocks must be >= 1, got " + blocks);
        }
        ModelBuilder mb = new ModelBuilder("int8 8x8 DCT of " + blocks + " blocks");
        ModelBuilder.Tensor x = mb.input("blocks", QuantParams.symmetric(INPUT_RANGE.max()), blocks, CELLS);
        ModelBuilder.Tensor y = mb.fullyConnected(x, weights(), CELLS, null, Activation.NONE,
                QuantParams.symmetric(outputMax), WeightScales.PER_CHANNEL);
        mb.output(y);
        return mb.build();
    }

    /** {@code K} with each row's gain {@code R / range[k]}, {@code [64][64]} row-major ({@code y = x W^T}). */
    float[] weights() {
        double[] k = basis();
        float[] w = new float[CELLS * CELLS];
        for (int row = 0; row < CELLS; row++) {
            double g = (double) outputMax / range[row];
            for (int i = 0; i < CELLS; i++) {
                w[row * CELLS + i] = (float) (g * k[row * CELLS + i]);
            }
        }
        return w;
    }

    /** {@code kron(C, C)} in double: {@code K[8v + u][8y + x] = C[v][y] C[u][x]}. */
    static double[] basis() {
        double[] c = new double[64];
        for (int u = 0; u < 8; u++) {
            double a = Math.sqrt((u == 0 ? 1.0 : 2.0) / 8);
            for (int x = 0; x < 8; x++) {
                c[u * 8 + x] = a * Math.cos((2 * x + 1) * u * Math.PI / 16);
            }
        }
        double[] k = new double[CELLS * CELLS];
        for (int v = 0; v < 8; v++) {
            for (int u = 0; u < 8; u++) {
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        k[(8 * v + u) * CELLS + 8 * y + x] = c[v * 8 + y] * c[u * 8 + x];
                    }
                }
            }
        }
        return k;
    }
}
