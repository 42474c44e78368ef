package dev.shmt.apps.common;

import dev.shmt.api.Shmt;
import dev.shmt.apps.BenchApp;

/**
 * A benchmark over an N x N grid (an image, a chip's temperatures) in square tiles: the sizes and tiles
 * it takes, refused in the app's own words otherwise.
 */
public abstract class GridApp implements BenchApp {
    /** SSIM needs its 11 x 11 window inside the grid. */
    static final int MIN_SIZE = dev.shmt.runtime.quality.Quality.SSIM_WINDOW;

    /** N x N cells in one Java array. */
    public static final int MAX_SIZE = 46_340;

    /** What the grid is, for messages: "image" unless the app says otherwise. */
    protected String gridName() {
        return "image";
    }

    @Override
    public String sizeUnit() {
        return "N x N " + gridName();
    }

    /**
     * 256 HLOPs at 4096 x 4096, enough for stealing and top-K to balance; Sobel's NPU alone took about as
     * long with 128 or 512 tiles.
     */
    @Override
    public int defaultTile(int size) {
        return Math.min(256, size);
    }

    @Override
    public void checkSize(int size) {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("--size for " + name() + " is the side N of an N x N " + gridName()
                    + ", from " + MIN_SIZE + " (the SSIM window) to " + MAX_SIZE + " (N x N cells in one Java array); got " + size);
        }
    }

    @Override
    public void hint(Shmt.Builder builder, int tile, int size) {
        if (builder == null) {
            throw new IllegalArgumentException("builder must not be null");
        }
        if (tile < 1 || tile > size) {
            throw new IllegalArgumentException("--tile for " + name() + " is the side of a square tile, from 1 to the"
                    + " " + gridName() + " side " + size + "; got " + tile);
        }
        builder.tileHint(tile, tile);
    }
}
