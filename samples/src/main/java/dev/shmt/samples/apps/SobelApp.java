package dev.shmt.samples.apps;

import static dev.shmt.runtime.quality.Quality.errorRate;
import static dev.shmt.runtime.quality.Quality.mape;
import static dev.shmt.runtime.quality.Quality.rmse;
import static dev.shmt.runtime.quality.Quality.ssim;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.samples.ImageOps;
import dev.shmt.samples.ImageOpsVops;
import dev.shmt.samples.Images;
import java.util.Arrays;
import java.util.List;

/**
 * Sobel edge detection ({@link ImageOps#sobel}) on an N x N {@link Images#structured} image, in square
 * tiles; quality against {@link ImageOps#sobelReference}.
 */
public final class SobelApp implements BenchApp {
    /**
     * The largest magnitude the output can take, SSIM's data range: Gx and Gy both 4 x 255 at a full-range
     * step (the demo's PSNR peak too).
     */
    public static final double DATA_RANGE = 4 * (Images.MAX - Images.MIN) * Math.sqrt(2);

    /** SSIM needs its 11 x 11 window inside the image. */
    static final int MIN_SIZE = dev.shmt.runtime.quality.Quality.SSIM_WINDOW;

    /** N x N cells in one Java array. */
    static final int MAX_SIZE = 46_340;

    @Override
    public String name() {
        return "sobel";
    }

    @Override
    public String sizeUnit() {
        return "N x N image";
    }

    /**
     * Measured on the 2-core development machine (cpu + npu as tflite-cpu), per run: the NPU alone 0.14 to
     * 0.4 s (up to 1.7 s while other jobs shared the cores), the CPU alone about 0.08 s; the four policies
     * with their warm-ups 8 to 22 s, after 1.5 to 3 s of prepare (mostly the double reference).
     */
    @Override
    public int defaultSize() {
        return 4096;
    }

    /**
     * 256 HLOPs at the default size, enough for stealing and top-K to balance; the NPU alone took about as
     * long with 128 or 512 tiles.
     */
    @Override
    public int defaultTile(int size) {
        return Math.min(256, size);
    }

    @Override
    public void checkSize(int size) {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("--size for sobel is the side N of an N x N image, from " + MIN_SIZE
                    + " (the SSIM window) to " + MAX_SIZE + " (N x N cells in one Java array); got " + size);
        }
    }

    @Override
    public void hint(Shmt.Builder builder, int tile, int size) {
        if (builder == null) {
            throw new IllegalArgumentException("builder must not be null");
        }
        if (tile < 1 || tile > size) {
            throw new IllegalArgumentException("--tile for sobel is the side of a square tile, from 1 to the image"
                    + " side " + size + "; got " + tile);
        }
        builder.tileHint(tile, tile);
    }

    @Override
    public Instance prepare(int size, long seed) {
        checkSize(size);
        FloatMatrix src = Images.structured(size, size, seed).withBorder(Border.REFLECT_101);
        double[] exact = ImageOps.sobelReference(src);
        // Quality takes floats: the double reference rounded once, 2^-24 relative, far below any device's error.
        float[] ref = new float[exact.length];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = (float) exact[i];
        }
        return new SobelInstance(src, ref, FloatMatrix.create(size, size));
    }

    private static final class SobelInstance implements Instance {
        private final FloatMatrix src;
        private final float[] ref;
        private final FloatMatrix dst;
        private boolean ran;

        SobelInstance(FloatMatrix src, float[] ref, FloatMatrix dst) {
            this.src = src;
            this.ref = ref;
            this.dst = dst;
        }

        @Override
        public List<Report> run(Shmt rt) {
            if (rt == null) {
                throw new IllegalArgumentException("rt must not be null");
            }
            Report report = ImageOpsVops.sobel(rt, src, dst);
            ran = true;
            return List.of(report);
        }

        @Override
        public void clearOutput() {
            Arrays.fill(dst.array(), Float.NaN);
        }

        @Override
        public Quality quality() {
            if (!ran) {
                throw new IllegalStateException("sobel: quality() needs a run() first");
            }
            float[] out = dst.array(); // dense: created rows x cols
            int n = dst.rows();
            return new Quality(errorRate(out, ref), mape(out, ref), ssim(out, ref, n, n, DATA_RANGE), rmse(out, ref));
        }
    }
}
