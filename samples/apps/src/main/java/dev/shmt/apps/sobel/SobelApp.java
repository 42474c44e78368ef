package dev.shmt.apps.sobel;

import com.google.auto.service.AutoService;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.apps.BenchApp;
import dev.shmt.apps.common.ImageFilterApp;
import dev.shmt.apps.common.Images;

/**
 * Sobel edge detection ({@link Sobel#sobel}) on an N x N {@link Images#structured} image, in square
 * tiles; quality against {@link Sobel#reference}.
 */
@AutoService(BenchApp.class)
public final class SobelApp extends ImageFilterApp {
    /**
     * The largest magnitude the output can take, SSIM's data range: Gx and Gy both 4 x 255 at a full-range
     * step (the demo's PSNR peak too).
     */
    public static final double DATA_RANGE = 4 * (Images.MAX - Images.MIN) * Math.sqrt(2);

    @Override
    public String name() {
        return "sobel";
    }

    @Override
    public String description() {
        return "Sobel gradient magnitude of an N x N image";
    }

    @Override
    public int order() {
        return 20;
    }

    /** 4096 x 4096, as the paper's image: each device alone takes a fraction of a second (docs/measurements.md). */
    @Override
    public int defaultSize() {
        return 4096;
    }

    @Override
    protected Report call(Shmt rt, FloatMatrix src, FloatMatrix dst) {
        return SobelVops.sobel(rt, src, dst);
    }

    @Override
    protected double[] reference(FloatMatrix src) {
        return Sobel.reference(src);
    }

    @Override
    protected double dataRange() {
        return DATA_RANGE;
    }
}
