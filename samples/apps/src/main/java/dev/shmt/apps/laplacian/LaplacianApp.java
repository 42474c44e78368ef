package dev.shmt.apps.laplacian;

import com.google.auto.service.AutoService;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.apps.BenchApp;
import dev.shmt.apps.common.ImageFilterApp;
import dev.shmt.apps.common.Images;
import dev.shmt.apps.common.OpenCv;
import dev.shmt.apps.common.OpenCvFilter;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.imgproc.Imgproc;

/**
 * The Laplacian ({@link Laplacian#laplacian}, OpenCV's {@code Laplacian} with ksize 1) of an N x N
 * {@link Images#structured} image, in square tiles; quality against {@link Laplacian#reference}.
 */
@AutoService(BenchApp.class)
public final class LaplacianApp extends ImageFilterApp {
    /** The output spans -4 x 255 to 4 x 255 (a full-range spike or pit): SSIM's data range. */
    public static final double DATA_RANGE = 8 * (Images.MAX - Images.MIN);

    @Override
    public String name() {
        return "laplacian";
    }

    @Override
    public String description() {
        return "5-point Laplacian of an N x N image (OpenCV's Laplacian, ksize 1)";
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public int defaultSize() {
        return 4096;
    }

    @Override
    protected Report call(Shmt rt, FloatMatrix src, FloatMatrix dst) {
        return LaplacianVops.laplacian(rt, src, dst);
    }

    @Override
    protected double[] reference(FloatMatrix src) {
        return Laplacian.reference(src);
    }

    /** OpenCV's filter on one thread, when its binding is on the class path ({@link OpenCv}). */
    @Override
    protected Library library(FloatMatrix src, float[] ref) {
        return OpenCv.orUnavailable(() -> new OpenCvFilter(this, src, ref,
                (in, out) -> Imgproc.Laplacian(in, out, CvType.CV_32F, 1, 1, 0, Core.BORDER_REFLECT_101)));
    }

    @Override
    protected double dataRange() {
        return DATA_RANGE;
    }
}
