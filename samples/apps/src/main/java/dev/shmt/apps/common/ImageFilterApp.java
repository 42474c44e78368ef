package dev.shmt.apps.common;

import static dev.shmt.runtime.quality.Quality.errorRate;
import static dev.shmt.runtime.quality.Quality.mape;
import static dev.shmt.runtime.quality.Quality.rmse;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.apps.Input;
import java.util.Arrays;
import java.util.List;

/**
 * An image benchmark of one TILE_2D VOP from an N x N image ({@link Images#structured}, or photographs
 * with {@link ImageInput}) to an image of the same size, in square tiles, with quality (SSIM among it)
 * against a double-precision reference.
 */
public abstract class ImageFilterApp extends GridApp {
    /**
     * Below this fraction of the data range, a double reference value is rounding left of an exact zero:
     * a sum of 64 products of values up to {@link Images#MAX} errs by about 1e-13 of the range at most,
     * while a genuine value of a grey image, down to one float step of a pixel times a weight, is orders
     * of magnitude larger.
     */
    static final double RESIDUE = 1e-14;

    /** The VOP, through its generated method, on {@code rt}. */
    protected abstract Report call(Shmt rt, FloatMatrix src, FloatMatrix dst);

    /** The double-precision reference of the VOP over {@code src}, dense row-major. */
    protected abstract double[] reference(FloatMatrix src);

    /** The range the output's values can span: SSIM's data range. */
    protected abstract double dataRange();

    /**
     * The SSIM of the output {@code out} against the reference {@code ref}, both dense {@code n x n}; null
     * for an app whose output is not an image SSIM means anything for.
     */
    protected Double ssim(float[] out, float[] ref, int n) {
        return dev.shmt.runtime.quality.Quality.ssim(out, ref, n, n, dataRange());
    }

    /** The same filter by a library on one thread, for the bench's library row; null when none is known. */
    protected Library library(FloatMatrix src, float[] ref) {
        return null;
    }

    @Override
    public boolean takesImageInput() {
        return true;
    }

    @Override
    public Instance prepare(int size, long seed) {
        return prepare(size, seed, Input.generated());
    }

    /** The generated image or the photographs ({@link ImageInput}); the reference is computed alike on either. */
    @Override
    public Instance prepare(int size, long seed, Input input) {
        checkSize(size);
        FloatMatrix src = ImageInput.image(input, size, seed).withBorder(Border.REFLECT_101);
        double[] exact = reference(src);
        // Quality takes floats: the double reference rounded once, 2^-24 relative, far below any device's error.
        // A value within RESIDUE of the data range is what double rounding leaves of an exact zero (the AC
        // coefficients of a flat 8 x 8 block of a photograph): MAPE skips zeros but would divide by the residue.
        double residue = RESIDUE * dataRange();
        float[] ref = new float[exact.length];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = Math.abs(exact[i]) < residue ? 0f : (float) exact[i];
        }
        return new FilterInstance(src, ref, FloatMatrix.create(size, size));
    }

    private final class FilterInstance implements Instance {
        private final FloatMatrix src;
        private final float[] ref;
        private final FloatMatrix dst;
        private boolean ran;

        FilterInstance(FloatMatrix src, float[] ref, FloatMatrix dst) {
            this.src = src;
            this.ref = ref;
            this.dst = dst;
        }

        @Override
        public List<Report> run(Shmt rt) {
            if (rt == null) {
                throw new IllegalArgumentException("rt must not be null");
            }
            Report report = call(rt, src, dst);
            ran = true;
            return List.of(report);
        }

        @Override
        public Library library() {
            return ImageFilterApp.this.library(src, ref);
        }

        @Override
        public void clearOutput() {
            Arrays.fill(dst.array(), Float.NaN);
        }

        @Override
        public Quality quality() {
            if (!ran) {
                throw new IllegalStateException(name() + ": quality() needs a run() first");
            }
            float[] out = dst.array(); // dense: created rows x cols
            int n = dst.rows();
            return new Quality(errorRate(out, ref), mape(out, ref), ssim(out, ref, n), rmse(out, ref),
                    dev.shmt.runtime.quality.Quality.paperMape(out, ref));
        }
    }
}
