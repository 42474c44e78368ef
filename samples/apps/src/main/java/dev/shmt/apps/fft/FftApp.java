package dev.shmt.apps.fft;

import com.google.auto.service.AutoService;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.apps.BenchApp;
import dev.shmt.apps.Input;
import dev.shmt.apps.common.ImageInput;
import dev.shmt.npu.kernels.DftModel;
import java.util.Arrays;
import java.util.List;

/**
 * The FFT benchmark: the 2-D FFT of an N x N image, generated or from photographs ({@link ImageInput})
 * ({@link Fft2d}: row FFTs, a transpose, the row FFTs of half the columns, which a real image's Hermitian
 * spectrum needs, and the unpacking into the full spectrum), scored against the double-precision {@link FftReference} over the real and
 * imaginary parts of the whole spectrum together.
 */
@AutoService(BenchApp.class)
public final class FftApp implements BenchApp {
    /** Largest N: the NPU's DFT matrix ({@link DftModel#MAX_N}); the GPU kernel and the CPU take any power of two. */
    public static final int MAX_SIZE = DftModel.MAX_N;

    @Override
    public String name() {
        return "fft";
    }

    @Override
    public String description() {
        return "2-D FFT of an N x N image (row FFTs, transpose, row FFTs)";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public String sizeUnit() {
        return "N x N image";
    }

    @Override
    public int defaultSize() {
        return 1024;
    }

    @Override
    public int defaultTile(int size) {
        return Math.max(1, Math.min(64, size / 2));
    }

    @Override
    public void checkSize(int size) {
        if (size < 2 || size > MAX_SIZE || (size & (size - 1)) != 0) {
            throw new IllegalArgumentException("fft: size must be a power of two from 2 to " + MAX_SIZE
                    + " (N of an N x N image; the NPU's DFT matrix has 4 N^2 weights), got " + size);
        }
    }

    @Override
    public void hint(Shmt.Builder builder, int tile, int size) {
        // The second pass transforms N/2 rows, and the runtime refuses a hint taller than a call's matrix.
        int most = Math.max(1, size / 2);
        if (tile < 1 || tile > most) {
            throw new IllegalArgumentException("fft: tile is rows per HLOP, from 1 to " + most
                    + " (the second pass transforms half the image's " + size + " rows), got " + tile);
        }
        builder.tileHint(tile, size); // ROWS reads only the row count
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
        FloatMatrix image = ImageInput.image(input, size, seed);
        FftReference.Spectrum exact = FftReference.forward(image);
        return new FftInstance(image, exact);
    }

    /** One image, its reference spectrum and the transform's buffers, all allocated once. */
    private static final class FftInstance implements Instance {
        private final FloatMatrix image;
        private final Fft2d fft;
        /** The reference spectrum, real parts then imaginary parts, as Quality compares floats. */
        private final float[] reference;
        private final float[] result;

        FftInstance(FloatMatrix image, FftReference.Spectrum exact) {
            this.image = image;
            this.fft = new Fft2d(exact.n());
            int cells = exact.n() * exact.n();
            reference = new float[2 * cells];
            for (int i = 0; i < cells; i++) {
                reference[i] = (float) exact.re()[i];
                reference[cells + i] = (float) exact.im()[i];
            }
            result = new float[2 * cells];
        }

        @Override
        public List<Report> run(Shmt rt) {
            return fft.forward(rt, image);
        }

        @Override
        public Library library() {
            return new JTransforms2d(image, reference);
        }

        @Override
        public void clearOutput() {
            Arrays.fill(fft.re().array(), Float.NaN);
            Arrays.fill(fft.im().array(), Float.NaN);
        }

        @Override
        public Quality quality() {
            int cells = image.rows() * image.cols();
            System.arraycopy(fft.re().array(), 0, result, 0, cells);
            System.arraycopy(fft.im().array(), 0, result, cells, cells);
            return new Quality(dev.shmt.runtime.quality.Quality.errorRate(result, reference),
                    dev.shmt.runtime.quality.Quality.mape(result, reference), null,
                    dev.shmt.runtime.quality.Quality.rmse(result, reference),
                    dev.shmt.runtime.quality.Quality.paperMape(result, reference));
        }
    }
}
