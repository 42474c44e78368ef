package dev.shmt.apps;

import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.apps.ImageOps;
import dev.shmt.apps.ImageOpsVops;
import dev.shmt.apps.Images;

/**
 * The 3 x 3 mean ({@link ImageOps#mean3}, OpenCV's {@code blur} with a 3 x 3 kernel) of an N x N
 * {@link Images#structured} image, in square tiles; quality against {@link ImageOps#mean3Reference}.
 */
public final class MeanFilterApp extends ImageFilterApp {
    /** The output is a mean of the input, within its range: SSIM's data range. */
    public static final double DATA_RANGE = Images.MAX - Images.MIN;

    @Override
    public String name() {
        return "meanfilter";
    }

    @Override
    public int defaultSize() {
        return 4096;
    }

    @Override
    Report call(Shmt rt, FloatMatrix src, FloatMatrix dst) {
        return ImageOpsVops.mean3(rt, src, dst);
    }

    @Override
    double[] reference(FloatMatrix src) {
        return ImageOps.mean3Reference(src);
    }

    /** OpenCV's filter on one thread, when its binding is on the class path ({@link OpenCv}). */
    @Override
    Library library(FloatMatrix src, float[] ref) {
        return OpenCv.orUnavailable(() -> OpenCvFilter.mean3(this, src, ref));
    }

    @Override
    double dataRange() {
        return DATA_RANGE;
    }
}
