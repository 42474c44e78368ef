package dev.shmt.runtime.testing;

import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Partition;
import dev.shmt.api.VopCall;
import java.util.SplittableRandom;

/** Test images with the structure of real ones (flat areas, gradients, edges), and a 3x3 stencil call. */
public final class Images {
    /** Edge length of {@link #structured()}; its tiles are {@link #TILE} square, 8 x 8 of them. */
    public static final int SIZE = 1024;
    public static final int TILE = 128;

    private Images() {}

    /**
     * Columns 0 to 511: a horizontal gradient (0.2 per column). Columns 512 to 1023: flat at 20, with a
     * bright square (200) over rows 300 to 699 and columns 600 to 999, whose edges cross 12 of the 64
     * tiles. Everything has a little seeded noise (+-0.5), as sensor data does.
     */
    public static FloatMatrix structured() {
        FloatMatrix m = FloatMatrix.create(SIZE, SIZE);
        SplittableRandom rnd = new SplittableRandom(7);
        for (int r = 0; r < SIZE; r++) {
            for (int c = 0; c < SIZE; c++) {
                float v;
                if (c < 512) {
                    v = 0.2f * c;
                } else {
                    v = r >= 300 && r < 700 && c >= 600 && c < 1000 ? 200f : 20f;
                }
                m.set(r, c, v + (float) rnd.nextDouble(-0.5, 0.5));
            }
        }
        return m;
    }

    /** True when the tile at tile coordinates (tr, tc) of {@link #structured()} holds an edge of the square. */
    public static boolean hasEdge(int tr, int tc) {
        int r0 = tr * TILE;
        int r1 = r0 + TILE; // exclusive
        int c0 = tc * TILE;
        int c1 = c0 + TILE;
        boolean rowsMeetSquare = r0 < 700 && r1 > 300;
        boolean colsMeetSquare = c0 < 1000 && c1 > 600;
        boolean rowEdge = (r0 <= 300 && 300 < r1) || (r0 < 700 && 700 <= r1);
        boolean colEdge = (c0 <= 600 && 600 < c1) || (c0 < 1000 && 1000 <= c1);
        return rowsMeetSquare && colsMeetSquare && (rowEdge || colEdge);
    }

    /** True when the tile is in the flat half and has no edge. */
    public static boolean flat(int tr, int tc) {
        return tc >= 4 && !hasEdge(tr, tc);
    }

    /** A 3x3 weighted stencil from {@code src} to {@code dst} as a TILE_2D call with its IN and OUT views. */
    public static VopCall stencil(FloatMatrix src, FloatMatrix dst, int tile) {
        return VopCall.builder("stencil3", Partition.TILE_2D).shape(src.rows(), src.cols()).halo(1)
                .tileHint(tile, tile)
                .arg("src", VopCall.Role.IN, src).arg("dst", VopCall.Role.OUT, dst)
                .cpu(region -> {
                    Stencils.weighted(src.tile(region, 1), dst.region(region), 1);
                    return null;
                })
                .build();
    }
}
