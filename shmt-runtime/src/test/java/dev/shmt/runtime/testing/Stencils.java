package dev.shmt.runtime.testing;

import dev.shmt.api.FloatMatrix;
import java.util.SplittableRandom;

/** Test VOP bodies, written once for whole matrices as users write them. */
public final class Stencils {
    private Stencils() {}

    /**
     * A weighted stencil reading every cell within {@code halo}. The weights differ per offset, so a
     * neighbour read from the wrong side or the wrong tile changes the result.
     */
    public static void weighted(FloatMatrix src, FloatMatrix dst, int halo) {
        for (int r = 0; r < dst.rows(); r++) {
            for (int c = 0; c < dst.cols(); c++) {
                float sum = 0f;
                for (int dr = -halo; dr <= halo; dr++) {
                    for (int dc = -halo; dc <= halo; dc++) {
                        float w = 1f + 0.25f * dr + 0.125f * dc * dc - 0.0625f * dc;
                        sum += w * src.get(r + dr, c + dc);
                    }
                }
                dst.set(r, c, sum);
            }
        }
    }

    /** Seeded values with a wide spread, so float rounding differences would show. */
    public static FloatMatrix random(int rows, int cols, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        FloatMatrix m = FloatMatrix.create(rows, cols);
        float[] a = m.array();
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (rnd.nextDouble(-1000, 1000) * (rnd.nextInt(4) == 0 ? 1e-3 : 1));
        }
        return m;
    }
}
