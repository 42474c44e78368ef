package dev.shmt.apps;

import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.apps.ImageOps;
import dev.shmt.apps.ImageOpsVops;
import dev.shmt.apps.Images;

/**
 * The Laplacian ({@link ImageOps#laplacian}, OpenCV's {@code Laplacian} with ksize 1) of an N x N
 * {@link Images#structured} image, in square tiles; quality against {@link ImageOps#laplacianReference}.
 */
public final class LaplacianApp extends ImageFilterApp {
    /** The output spans -4 x 255 to 4 x 255 (a full-range spike or pit): SSIM's data range. */
    public static final double DATA_RANGE = 8 * (Images.MAX - Images.MIN);

    @Override
    public String name() {
        return "laplacian";
    }

    @Override
    public int defaultSize() {
        return 4096;
    }

    @Override
    Report call(Shmt rt, FloatMatrix src, FloatMatrix dst) {
        return ImageOpsVops.laplacian(rt, src, dst);
    }

    @Override
    double[] reference(FloatMatrix src) {
        return ImageOps.laplacianReference(src);
    }

    /** OpenCV's filter on one thread, when its binding is on the class path ({@link OpenCv}). */
    @Override
    Library library(FloatMatrix src, float[] ref) {
        return OpenCv.orUnavailable(() -> OpenCvFilter.laplacian(this, src, ref));
    }

    @Override
    double dataRange() {
        return DATA_RANGE;
    }
}
