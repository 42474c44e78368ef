package dev.shmt.apps;

import dev.shmt.api.FloatMatrix;
import dev.shmt.runtime.quality.Quality;
import java.util.function.BiConsumer;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * An OpenCV filter of the whole image on one thread ({@link OpenCv}), for an image app's {@code lib:opencv}
 * row: the input is copied into a Mat once, when the instance is made; each run filters into the same
 * output Mat.
 */
final class OpenCvFilter implements BenchApp.Library {
    private final Mat in;
    private final Mat out;
    private final BiConsumer<Mat, Mat> filter;
    private final float[] ref;
    private final ImageFilterApp app;

    /** {@code Imgproc.Laplacian} with ksize 1, as {@link dev.shmt.apps.ImageOps#laplacian}. */
    static OpenCvFilter laplacian(ImageFilterApp app, FloatMatrix src, float[] ref) {
        return new OpenCvFilter(app, src, ref,
                (in, out) -> Imgproc.Laplacian(in, out, CvType.CV_32F, 1, 1, 0, Core.BORDER_REFLECT_101));
    }

    /** {@code Imgproc.blur} 3 x 3, as {@link dev.shmt.apps.ImageOps#mean3}. */
    static OpenCvFilter mean3(ImageFilterApp app, FloatMatrix src, float[] ref) {
        return new OpenCvFilter(app, src, ref,
                (in, out) -> Imgproc.blur(in, out, new Size(3, 3), new Point(-1, -1), Core.BORDER_REFLECT_101));
    }

    private OpenCvFilter(ImageFilterApp app, FloatMatrix src, float[] ref, BiConsumer<Mat, Mat> filter) {
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
