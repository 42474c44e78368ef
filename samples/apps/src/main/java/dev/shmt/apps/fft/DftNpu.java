package dev.shmt.apps.fft;

import dev.shmt.api.FloatMatrix;
import dev.shmt.apps.common.Images;
import dev.shmt.npu.kernels.DftKernel;
import dev.shmt.npu.kernels.DftModel;

/**
 * {@link Fft#rows} on the NPU: each block of rows as one int8 DFT matrix product ({@link DftKernel}).
 * Each bin's output range is calibrated as post-training quantization does, on representative data:
 * the rows both passes of {@link Fft2d} see for a {@link Images#structured} image of another seed than
 * the benchmark's, host-normalized as the kernel does; each bin covers the largest value it reaches
 * there, plus {@link #HEADROOM}.
 *
 * <p>Measured (error_rate of the 512 x 512 2-D FFT on the NPU alone, images of seeds 42, 1, 7, 99):
 * one range for all bins 0.40 everywhere; per-bin maxima 0.059 to 0.064 (mean 0.0612); with 10%
 * headroom 0.060 to 0.063 (mean 0.0612); 25% 0.062 to 0.065; each bin's 99.9th percentile instead of its
 * maximum 0.060 to 0.068, the 99th 0.086 to 0.102 (saturation costs more than coarser steps). A numpy
 * simulation of the same arithmetic puts the floor of this design at 0.035, the int8 input's rounding
 * alone: an image row spans about 200 grey levels, so one input step is as large as its fine noise.
 */
public final class DftNpu extends DftKernel {
    /** The calibration image's seed; the benchmark's inputs use others. */
    static final long CALIBRATION_SEED = 20230601L;

    /**
     * Each bin's range over its calibrated maximum: room for images a little beyond the calibration one,
     * at no measured cost.
     */
    static final float HEADROOM = 1.1f;

    @Override
    protected float[] binRanges(int n) {
        return calibrate(n);
    }

    /**
     * Each bin's largest |Re X| or |Im X| over the normalized rows of both passes of the calibration
     * image, times {@link #HEADROOM}.
     */
    static float[] calibrate(int n) {
        if (n < 2 || n > DftModel.MAX_N || (n & (n - 1)) != 0) {
            throw new IllegalArgumentException("n must be a power of two from 2 to " + DftModel.MAX_N + ", got " + n);
        }
        FloatMatrix image = Images.structured(n, n, CALIBRATION_SEED);
        Fft2d fft = new Fft2d(n); // on the CPU: what pass 2 sees, up to fp32 rounding
        fft.forward(image);
        FloatMatrix zeros = FloatMatrix.create(n, n);
        double[] cos = new double[Math.max(1, n / 2)];
        double[] sin = new double[cos.length];
        for (int k = 0; k < n / 2; k++) {
            cos[k] = Math.cos(2 * Math.PI * k / n);
            sin[k] = Math.sin(2 * Math.PI * k / n);
        }
        float[] scaled = new float[2 * n];
        double[] sums = new double[2];
        double[] xr = new double[n];
        double[] xi = new double[n];
        double[] range = new double[n];
        FloatMatrix[][] passes = {{image, zeros}, {fft.packedRe(), fft.packedIm()}};
        for (FloatMatrix[] p : passes) {
            for (int r = 0; r < p[0].rows(); r++) {
                DftKernel.normalize(p[0].array(), r * n, p[1].array(), r * n, n, scaled, 0, sums, 0);
                for (int j = 0; j < n; j++) {
                    xr[j] = scaled[j];
                    xi[j] = scaled[n + j];
                }
                FftReference.fft(xr, xi, cos, sin);
                for (int k = 0; k < n; k++) {
                    range[k] = Math.max(range[k], Math.max(Math.abs(xr[k]), Math.abs(xi[k])));
                }
            }
        }
        // Bin 0 of a mean-free row is 0 and the kernel replaces it with the exact sum: any range will do.
        float[] out = new float[n];
        float max = 0f;
        for (int k = 0; k < n; k++) {
            out[k] = HEADROOM * (float) range[k];
            max = Math.max(max, out[k]);
        }
        out[0] = max > 0 ? max : 1f;
        if (max == 0f) {
            java.util.Arrays.fill(out, 1f); // a constant image: nothing but bin 0 to represent
        }
        return out;
    }
}
