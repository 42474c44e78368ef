package dev.shmt.apps.dwt;

import com.google.auto.service.AutoService;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.apps.BenchApp;
import dev.shmt.apps.common.ImageFilterApp;
import dev.shmt.apps.common.Images;

/**
 * One level of the forward CDF 9/7 wavelet transform ({@link Dwt97#forward}, Rodinia's {@code FDWT97}) of
 * an N x N {@link Images#structured} image, in square tiles (any side: every device picks a cell's
 * filters by its position in the whole image); quality against {@link Dwt97#reference}. SSIM compares the interleaved coefficient image, over the span the four
 * subbands can reach.
 */
@AutoService(BenchApp.class)
public final class DwtApp extends ImageFilterApp {
    /**
     * The coefficients span about -4 x 255 (HH at a full-range checkerboard, the highpass's gain 2 each
     * way) to 1.5 x 255 (LL's overshoot at a step): SSIM's data range, rounded up.
     */
    public static final double DATA_RANGE = 6 * (Images.MAX - Images.MIN);

    @Override
    public String name() {
        return "dwt";
    }

    @Override
    public String description() {
        return "one level of the CDF 9/7 wavelet transform of an N x N image (Rodinia's FDWT97)";
    }

    @Override
    public int order() {
        return 70;
    }

    @Override
    public int defaultSize() {
        return 2048;
    }

    @Override
    protected Report call(Shmt rt, FloatMatrix src, FloatMatrix dst) {
        return Dwt97Vops.forward(rt, src, dst);
    }

    @Override
    protected double[] reference(FloatMatrix src) {
        return Dwt97.reference(src);
    }

    @Override
    protected double dataRange() {
        return DATA_RANGE;
    }
}
