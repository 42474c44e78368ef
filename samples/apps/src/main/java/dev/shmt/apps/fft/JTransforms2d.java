package dev.shmt.apps.fft;

import dev.shmt.api.FloatMatrix;
import dev.shmt.apps.BenchApp;
import dev.shmt.runtime.quality.Quality;
import org.jtransforms.fft.FloatFFT_2D;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * JTransforms 3.1's {@code FloatFFT_2D.realForwardFull} on one thread: the full 2-D spectrum of a real
 * image, which the FFT app computes. It is faster than our {@link dev.shmt.apps.Fft2d} on one core
 * (our passes keep real and imaginary parts apart and transpose between them), so FFT speedups are
 * measured against it.
 */
final class JTransforms2d implements BenchApp.Library {
    private final FloatMatrix image;
    private final float[] reference;
    private final FloatFFT_2D fft;
    /** Interleaved re, im: the image is copied in, the spectrum comes out. */
    private final float[] data;
    private final float[] planar;

    /** @param reference the spectrum, real parts then imaginary parts, dense row-major */
    JTransforms2d(FloatMatrix image, float[] reference) {
        // One thread, the way the other single-device rows run; this bench runs no other JTransforms
        // transform large enough to use its pool (rows of 8192 or more).
        ConcurrencyUtils.setNumberOfThreads(1);
        this.image = image;
        this.reference = reference;
        int n = image.rows();
        this.fft = new FloatFFT_2D(n, n);
        this.data = new float[2 * n * n];
        this.planar = new float[2 * n * n];
    }

    @Override
    public String name() {
        return "lib:jtransforms";
    }

    @Override
    public void run() {
        int n = image.rows();
        float[] src = image.array();
        for (int r = 0; r < n; r++) {
            System.arraycopy(src, image.offset() + r * image.stride(), data, r * n, n);
        }
        fft.realForwardFull(data);
    }

    @Override
    public BenchApp.Quality quality() {
        int cells = image.rows() * image.cols();
        for (int i = 0; i < cells; i++) {
            planar[i] = data[2 * i];
            planar[cells + i] = data[2 * i + 1];
        }
        return new BenchApp.Quality(Quality.errorRate(planar, reference), Quality.mape(planar, reference), null,
                Quality.rmse(planar, reference));
    }
}
