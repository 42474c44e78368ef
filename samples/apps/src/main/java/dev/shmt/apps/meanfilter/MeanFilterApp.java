package dev.shmt.apps.meanfilter;

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
import org.opencv.core.Point;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The 3 x 3 mean ({@link MeanFilter#mean3}, OpenCV's {@code blur} with a 3 x 3 kernel) of an N x N
 * {@link Images#structured} image, in square tiles; quality against {@link MeanFilter#reference}.
 */
@AutoService(BenchApp.class)
public final class MeanFilterApp extends ImageFilterApp {
    /** The output is a mean of the input, within its range: SSIM's data range. */
    public static final double DATA_RANGE = Images.MAX - Images.MIN;

    @Override
    public String name() {
        return "meanfilter";
    }

    @Override
    public String description() {
        return "3 x 3 mean of an N x N image (OpenCV's blur, 3 x 3)";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public int defaultSize() {
        return 4096;
    }

    @Override
    protected Report call(Shmt rt, FloatMatrix src, FloatMatrix dst) {
        return MeanFilterVops.mean3(rt, src, dst);
    }

    @Override
    protected double[] reference(FloatMatrix src) {
        return MeanFilter.reference(src);
    }

    /** OpenCV's filter on one thread, when its binding is on the class path ({@link OpenCv}). */
    @Override
    protected Library library(FloatMatrix src, float[] ref) {
        return OpenCv.orUnavailable(() -> new OpenCvFilter(this, src, ref,
                (in, out) -> Imgproc.blur(in, out, new Size(3, 3), new Point(-1, -1), Core.BORDER_REFLECT_101)));
    }

    @Override
    protected double dataRange() {
        return DATA_RANGE;
    }
}
