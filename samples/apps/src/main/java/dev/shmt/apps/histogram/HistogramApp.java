package dev.shmt.apps.histogram;

import static dev.shmt.runtime.quality.Quality.errorRate;
import static dev.shmt.runtime.quality.Quality.mape;
import static dev.shmt.runtime.quality.Quality.rmse;

import com.google.auto.service.AutoService;
import dev.shmt.api.FloatArray;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.apps.BenchApp;
import dev.shmt.apps.Input;
import dev.shmt.apps.common.GridApp;
import dev.shmt.apps.common.ImageInput;
import dev.shmt.apps.common.Images;
import dev.shmt.apps.common.OpenCv;
import dev.shmt.runtime.partition.Partitioner;
import java.util.Arrays;
import java.util.List;

/**
 * The 256-bin histogram ({@link Histogram#hist256}, OpenCV's calcHist over [0, 256)) of an N x N
 * {@link Images#structured} image or photographs ({@link ImageInput}), its pixels as one array cut into chunks of {@code --tile} pixels; quality
 * of the bin counts against {@link Histogram#reference} (exact on every device that runs it, so any error
 * is a bug). SSIM does not apply.
 */
@AutoService(BenchApp.class)
public final class HistogramApp implements BenchApp {
    /** N x N pixels in one Java array. */
    static final int MAX_SIZE = GridApp.MAX_SIZE;

    /**
     * 4096 x 4096: 16.8M pixels, which the CPU body counts on one core within the bench's 50 ms budget for
     * an app's CPU run (docs/measurements.md).
     */
    static final int DEFAULT_SIZE = 4096;

    /** 64 pages of pixels per HLOP: 256 HLOPs at the default size, as the image apps have. */
    static final int DEFAULT_TILE = 64 * Partitioner.PAGE_FLOATS;

    @Override
    public String name() {
        return "histogram";
    }

    @Override
    public String description() {
        return Histogram.BINS + "-bin histogram of an N x N image's pixels (OpenCV's calcHist over [0, 256)); a"
                + " REDUCE the npu cannot run (it says why)";
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public String sizeUnit() {
        return "N x N image";
    }

    @Override
    public int defaultSize() {
        return DEFAULT_SIZE;
    }

    @Override
    public int defaultTile(int size) {
        return (int) Math.min(DEFAULT_TILE, wholePages(size));
    }

    /** The image's pixels rounded up to whole 4 KiB pages of floats, as the REDUCE partitioner cuts chunks. */
    private static long wholePages(int size) {
        int page = Partitioner.PAGE_FLOATS;
        long pixels = (long) size * size;
        return (pixels + page - 1) / page * page;
    }

    @Override
    public void checkSize(int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("--size for histogram is the side N of an N x N image, from 1 to "
                    + MAX_SIZE + " (N x N pixels in one Java array); got " + size);
        }
    }

    @Override
    public void hint(Shmt.Builder builder, int tile, int size) {
        if (builder == null) {
            throw new IllegalArgumentException("builder must not be null");
        }
        checkSize(size);
        int page = Partitioner.PAGE_FLOATS;
        if (tile < page || tile % page != 0) {
            throw new IllegalArgumentException("--tile for histogram is pixels per HLOP, a positive multiple of " + page
                    + " (HLOP chunks are whole 4 KiB pages); got " + tile);
        }
        long whole = wholePages(size);
        if (tile > whole) {
            throw new IllegalArgumentException("--tile " + tile + " for histogram is more than the " + size + " x " + size
                    + " image's pixels (" + whole + " in whole pages); use at most " + whole);
        }
        // The runtime refuses a chunk hint longer than the call; a tile past the last pixel ends on the same
        // whole page as the pixels do, so the length itself cuts the same chunks.
        builder.chunkHint((int) Math.min(tile, (long) size * size));
    }

    @Override
    public boolean takesImageInput() {
        return true;
    }

    @Override
    public Instance prepare(int size, long seed) {
        return prepare(size, seed, Input.generated());
    }

    @Override
    public Instance prepare(int size, long seed, Input input) {
        checkSize(size);
        float[] pixels = ImageInput.image(input, size, seed).array(); // dense: created N x N
        long[] exact = Histogram.reference(pixels, 0, pixels.length);
        return new HistogramInstance(FloatArray.wrap(pixels), toFloats(exact));
    }

    /**
     * Counts as floats for the quality metrics: exact below 2^24 per bin; above, both sides round the same way,
     * so equal counts stay equal.
     */
    private static float[] toFloats(long[] counts) {
        float[] f = new float[counts.length];
        for (int k = 0; k < counts.length; k++) {
            f[k] = counts[k];
        }
        return f;
    }

    private final class HistogramInstance implements Instance {
        private final FloatArray pixels;
        private final float[] ref;
        /** The last run's bins; NaN after {@link #clearOutput()}. */
        private final float[] out = new float[Histogram.BINS];
        private boolean ran;

        HistogramInstance(FloatArray pixels, float[] ref) {
            this.pixels = pixels;
            this.ref = ref;
        }

        @Override
        public List<Report> run(Shmt rt) {
            if (rt == null) {
                throw new IllegalArgumentException("rt must not be null");
            }
            Report report = HistogramVops.hist256WithReport(rt, pixels);
            long[] bins = (long[]) report.result();
            for (int k = 0; k < Histogram.BINS; k++) {
                out[k] = bins[k];
            }
            ran = true;
            return List.of(report);
        }

        @Override
        public void clearOutput() {
            Arrays.fill(out, Float.NaN);
        }

        /** OpenCV's calcHist on one thread, when its binding is on the class path ({@link OpenCv}). */
        @Override
        public Library library() {
            int n = (int) Math.round(Math.sqrt(pixels.length()));
            return OpenCv.orUnavailable(() -> new OpenCvHistogram(pixels.array(), n, ref));
        }

        @Override
        public Quality quality() {
            if (!ran) {
                throw new IllegalStateException(name() + ": quality() needs a run() first");
            }
            return new Quality(errorRate(out, ref), mape(out, ref), null, rmse(out, ref),
                    dev.shmt.runtime.quality.Quality.paperMape(out, ref));
        }
    }
}
