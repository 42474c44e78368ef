package dev.shmt.apps.dct8x8;

import dev.shmt.api.FloatMatrix;
import dev.shmt.apps.common.Images;
import dev.shmt.npu.kernels.Dct8x8Kernel;
import dev.shmt.npu.kernels.Dct8x8Model;

/**
 * {@link Dct8x8#forward} on the NPU: all blocks of a tile as one int8 64 x 64 matrix product
 * ({@link Dct8x8Kernel}), each block scaled on the host by its own mean and spread. Each coefficient's
 * output range is calibrated as post-training quantization does, on representative data: the blocks of
 * a {@link Images#structured} image of another seed than the benchmark's, normalized as the kernel does;
 * each coefficient covers the largest value it reaches there, plus {@link #HEADROOM}.
 *
 * <p>Measured (the dct8x8 app at 384 x 384, seed 7, NPU alone on tflite-cpu): error_rate 0.0046, RMSE 0.26
 * with these ranges; 0.0115 and 0.58 with each coefficient's widest possible range instead ({@link
 * Dct8x8Model#boundRanges}, which can never saturate): the high frequencies of real blocks stay far
 * below their bounds, so calibrated ranges give them 2.5 times finer output steps.
 */
public final class Dct8x8Npu extends Dct8x8Kernel {
    /** The calibration image's seed; the benchmark's inputs use others. */
    static final long CALIBRATION_SEED = 20230601L;

    /** The calibration image's side: 4096 blocks. */
    static final int CALIBRATION_SIZE = 512;

    /** Each coefficient's range over its calibrated maximum: room for blocks a little beyond the calibration ones. */
    static final float HEADROOM = 1.1f;

    @Override
    protected float[] coefficientRanges() {
        return calibrate(CALIBRATION_SIZE, CALIBRATION_SEED);
    }

    /**
     * Each coefficient's largest |value| over the normalized blocks of a {@code size x size} structured
     * image of {@code seed}, times {@link #HEADROOM}, and never beyond what a block can reach ({@link
     * Dct8x8Model#boundRanges}).
     */
    static float[] calibrate(int size, long seed) {
        FloatMatrix image = Images.structured(size, size, seed);
        double[] c = Dct8x8.coefficients();
        float[] bound = Dct8x8Model.boundRanges();
        float[] scaled = new float[64];
        double[] sums = new double[1];
        double[] rowPass = new double[64];
        double[] range = new double[64];
        for (int br = 0; br < size; br += 8) {
            for (int bc = 0; bc < size; bc += 8) {
                Dct8x8Kernel.normalize(image.array(), br * size + bc, size, scaled, 0, sums, 0);
                for (int y = 0; y < 8; y++) {
                    for (int u = 0; u < 8; u++) {
                        double s = 0;
                        for (int x = 0; x < 8; x++) {
                            s += c[u * 8 + x] * scaled[y * 8 + x];
                        }
                        rowPass[y * 8 + u] = s;
                    }
                }
                for (int v = 0; v < 8; v++) {
                    for (int u = 0; u < 8; u++) {
                        double s = 0;
                        for (int y = 0; y < 8; y++) {
                            s += c[v * 8 + y] * rowPass[y * 8 + u];
                        }
                        range[v * 8 + u] = Math.max(range[v * 8 + u], Math.abs(s));
                    }
                }
            }
        }
        // The DC of a mean-free block is 0 and the kernel replaces it with the exact sum: any range will do.
        float[] out = new float[64];
        float max = 0f;
        for (int k = 1; k < 64; k++) {
            out[k] = (float) Math.min(bound[k], HEADROOM * range[k]);
            max = Math.max(max, out[k]);
        }
        if (max == 0f) {
            return bound; // a constant image: nothing but DC to represent
        }
        out[0] = max;
        return out;
    }
}
