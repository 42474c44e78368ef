package dev.shmt.apps.common;

import dev.shmt.api.FloatMatrix;
import dev.shmt.apps.BenchApp;
import dev.shmt.runtime.quality.Quality;
import java.util.function.BiConsumer;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * An OpenCV filter of the whole image on one thread ({@link OpenCv}), for an image app's {@code lib:opencv}
 * row: the input is copied into a Mat once, when the instance is made; each run filters into the same
 * output Mat.
 */
public final class OpenCvFilter implements BenchApp.Library {
    private final Mat in;
    private final Mat out;
    private final BiConsumer<Mat, Mat> filter;
    private final float[] ref;
    private final ImageFilterApp app;

    /**
     * {@code filter} (OpenCV's call from the input Mat into the output Mat) of {@code src}, its quality
     * against {@code ref} as {@code app} measures its own. Call it only where OpenCV loaded ({@link
     * OpenCv#orUnavailable}).
     */
    public OpenCvFilter(ImageFilterApp app, FloatMatrix src, float[] ref, BiConsumer<Mat, Mat> filter) {
        int n = src.rows();
        this.app = app;
        this.in = new Mat(n, src.cols(), CvType.CV_32F);
        in.put(0, 0, src.toArray());
        this.out = new Mat(n, src.cols(), CvType.CV_32F);
        this.filter = filter;
        this.ref = ref;
    }

    @Override
    public String name() {
        return OpenCv.NAME;
    }

    @Override
    public void run() {
        OpenCv.oneThread();
        filter.accept(in, out);
    }

    @Override
    public BenchApp.Quality quality() {
        float[] got = new float[ref.length];
        out.get(0, 0, got);
        return new BenchApp.Quality(Quality.errorRate(got, ref), Quality.mape(got, ref),
                app.ssim(got, ref, out.rows()), Quality.rmse(got, ref));
    }
}
