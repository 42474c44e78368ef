package dev.shmt.apps.dct8x8;

import com.google.auto.service.AutoService;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.apps.BenchApp;
import dev.shmt.apps.common.ImageFilterApp;
import dev.shmt.apps.common.Images;

/**
 * DCT8x8, the paper's baseline from the CUDA samples: the orthonormal DCT-II of every 8 x 8 block
 * ({@link Dct8x8#forward}) of an N x N {@link Images#structured} image, in square tiles of whole blocks;
 * quality against {@link Dct8x8#reference}. The image side and the tile side must be multiples of 8.
 */
@AutoService(BenchApp.class)
public final class Dct8x8App extends ImageFilterApp {
    /** The span of a DC coefficient, 8 x (max - min) of the image: the widest any coefficient can have. */
    public static final double DATA_RANGE = 8 * (Images.MAX - Images.MIN);

    /** The largest multiple of 8 with N x N cells in one Java array. */
    static final int MAX_DCT_SIZE = MAX_SIZE / 8 * 8;

    @Override
    public String name() {
        return "dct8x8";
    }

    @Override
    public String description() {
        return "orthonormal 2-D DCT of each 8 x 8 block of an N x N image (the CUDA samples' dct8x8); N and"
                + " the tile side multiples of 8";
    }

    @Override
    public int order() {
        return 80;
    }

    /** Fixed by the bench's time budget: see {@link #defaultTile}. */
    @Override
    public int defaultSize() {
        return 2048;
    }

    /** 128 x 128 tiles: 256 HLOPs of 256 blocks at the default size, as many as the other image apps have. */
    @Override
    public int defaultTile(int size) {
        return Math.min(128, size);
    }

    @Override
    public void checkSize(int size) {
        if (size < 8 || size > MAX_DCT_SIZE || size % 8 != 0) {
            throw new IllegalArgumentException("--size for dct8x8 is the side N of an N x N image of whole 8 x 8 blocks,"
                    + " a multiple of 8 from 8 to " + MAX_DCT_SIZE + "; got " + size);
        }
    }

    @Override
    public void hint(Shmt.Builder builder, int tile, int size) {
        if (builder == null) {
            throw new IllegalArgumentException("builder must not be null");
        }
        if (tile < 8 || tile > size || tile % 8 != 0) {
            throw new IllegalArgumentException("--tile for dct8x8 is the side of a square tile of whole 8 x 8 blocks,"
                    + " a multiple of 8 from 8 to the image side " + size + "; got " + tile);
        }
        builder.tileHint(tile, tile);
    }

    @Override
    protected Report call(Shmt rt, FloatMatrix src, FloatMatrix dst) {
        return Dct8x8Vops.forward(rt, src, dst);
    }

    @Override
    protected double[] reference(FloatMatrix src) {
        return Dct8x8.reference(src);
    }

    @Override
    protected double dataRange() {
        return DATA_RANGE;
    }

    /**
     * None: SSIM compares local means, contrasts and correlations of two images over 11 x 11 windows, but
     * a coefficient image is 8 x 8 tiles of spectra, each a DC value with its AC coefficients falling
     * towards zero away from it; a window straddles parts of several blocks' spectra, and its "mean" and
     * "contrast" mix frequencies that have nothing to do with each other. error_rate and RMSE say how far
     * the coefficients are from the reference.
     */
    @Override
    protected Double ssim(float[] out, float[] ref, int n) {
        return null;
    }
}
