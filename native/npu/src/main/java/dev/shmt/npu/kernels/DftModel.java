package dev.shmt.npu.kernels;

import dev.shmt.npu.model.Activation;
import dev.shmt.npu.model.ModelBuilder;
import dev.shmt.npu.model.WeightScales;
import dev.shmt.npu.quant.QuantParams;
import dev.shmt.npu.quant.ValueRange;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The forward DFT of rows of {@code n} complex values as one int8 FULLY_CONNECTED layer, the way TPUs
 * compute Fourier transforms: a row {@code (re | im)} of {@code 2n} values times the real {@code 2n x 2n}
 * form of the DFT matrix gives {@code (Re X | Im X)}, with {@code X[k] = sum_m x[m] e^{-2 pi i k m / n}}
 * (unnormalized, the GPU kernel's convention). Any {@code n} works, not only powers of two.
 *
 * <p>Quantization. Inputs are symmetric over [-1, 1] ({@link DftKernel} scales each row into it; zero
 * point 0, so the zero imaginary part of a real row is exact). The output tensor has one int8 scale,
 * but an image's spectrum spans orders of magnitude from low to high frequencies: over one range,
 * most bins would get only a few steps. So each bin k has its own calibrated range {@code range[k]}
 * (the largest |Re X[k]| or |Im X[k]| on representative rows): the matrix rows of bin k are scaled by
 * {@code g[k] = R / range[k]}, R the largest range, which stretches every bin over the whole output
 * range, and the host divides by {@code g[k]} ({@link #unscale}). Weights have one scale per output
 * feature (per channel), so the scaled rows lose nothing. Measured on 512 x 512 structured images,
 * the 2-D FFT's error_rate drops from 0.40 with one range to 0.061 with per-bin ranges.
 */
public final class DftModel {
    /**
     * Largest row length: the matrix holds {@code 4 n^2} int8 weights, 16 MiB at 2048, and each row
     * costs {@code 4 n^2} multiply-adds, so an n x n image {@code 8 n^3} for its two passes.
     */
    public static final int MAX_N = 2048;

    /** What {@link DftKernel} scales each row into: the int8 input covers it exactly. */
    public static final ValueRange INPUT_RANGE = new ValueRange(-1f, 1f);

    /** The most a bin is stretched: ranges below R / 2^12 count as R / 2^12. */
    private static final float MAX_GAIN = 4096f;

    private final int n;
    private final float[] range;
    private final float outputMax;

    /**
     * @param n values per row, 1 to {@link #MAX_N}
     * @param binRanges for each bin k of rows scaled into {@link #INPUT_RANGE}, the largest |Re X[k]|
     *     or |Im X[k]| to represent; larger values saturate. {@code n} finite values >= 0, not all 0.
     */
    public DftModel(int n, float[] binRanges) {
        if (n < 1 || n > MAX_N) {
            throw new IllegalArgumentException("n must be in [1, " + MAX_N + "], got " + n);
        }
        Objects.requireNonNull(binRanges, "binRanges");
        if (binRanges.length != n) {
            throw new IllegalArgumentException("binRanges must hold one range per bin, " + n + ", got "
                    + binRanges.length);
        }
        float max = 0f;
        for (int k = 0; k < n; k++) {
            float r = binRanges[k];
            if (!(r >= 0) || !Float.isFinite(r)) {
                throw new IllegalArgumentException("binRanges[" + k + "] must be finite and >= 0, got " + r);
            }
            max = Math.max(max, r);
        }
        if (max == 0f) {
            throw new IllegalArgumentException("binRanges must hold a value > 0");
        }
        this.n = n;
        this.outputMax = max;
        this.range = new float[n];
        for (int k = 0; k < n; k++) {
            range[k] = Math.max(binRanges[k], max / MAX_GAIN);
        }
    }

    public int n() {
        return n;
    }

    /** The largest bin range R: the output tensor covers [-R, R]. */
    public float outputMax() {
        return outputMax;
    }

    /** What the model's outputs for bin k are multiplied by to undo its gain: {@code range[k] / R}. */
    public float unscale(int k) {
        return range[k] / outputMax;
    }

    /** The model for blocks of {@code batch} rows: input and output {@code [batch, 2n]}. */
    public ByteBuffer build(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        ModelBuilder mb = new ModelBuilder("int8 DFT of " + batch + " rows of " + n);
        ModelBuilder.Tensor x = mb.input("rows", QuantParams.symmetric(INPUT_RANGE.max()), batch, 2 * n);
        ModelBuilder.Tensor y = mb.fullyConnected(x, weights(), 2 * n, null, Activation.NONE,
                QuantParams.symmetric(outputMax), WeightScales.PER_CHANNEL);
        mb.output(y);
        return mb.build();
    }

    /**
     * The real form with each bin's gain, {@code [2n][2n]} row-major as FULLY_CONNECTED reads it ({@code
     * y = x W^T}): with {@code t = 2 pi k m / n}, {@code Re X[k] = sum_m re[m] cos t + im[m] sin t} and
     * {@code Im X[k] = sum_m im[m] cos t - re[m] sin t}. The angle is reduced exactly ({@code k m mod n})
     * to one of n double-precision table entries.
     */
    float[] weights() {
        double[] cos = new double[n];
        double[] sin = new double[n];
        for (int j = 0; j < n; j++) {
            cos[j] = Math.cos(2 * Math.PI * j / n);
            sin[j] = Math.sin(2 * Math.PI * j / n);
        }
        int w = 2 * n;
        float[] m = new float[w * w];
        for (int k = 0; k < n; k++) {
            double g = (double) outputMax / range[k];
            for (int j = 0; j < n; j++) {
                int t = (int) ((long) k * j % n);
                float c = (float) (g * cos[t]);
                float s = (float) (g * sin[t]);
                m[k * w + j] = c;
                m[k * w + n + j] = s;
                m[(n + k) * w + j] = -s;
                m[(n + k) * w + n + j] = c;
            }
        }
        return m;
    }
}
