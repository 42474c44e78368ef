package dev.shmt.apps.common;

import dev.shmt.api.FloatMatrix;
import java.util.SplittableRandom;

/**
 * Deterministic test images that look like real ones to a scheduler: tiles differ in criticality, from
 * flat ones with only a little noise to ones crossed by hard edges or filled with texture.
 */
public final class Images {
    /** The smallest value {@link #structured} produces. */
    public static final float MIN = 0f;

    /** The largest value {@link #structured} produces. */
    public static final float MAX = 255f;

    private static final int SHAPES = 8;
    private static final float NOISE = 1.5f;

    private Images() {}

    /**
     * A {@code rows x cols} image with values in [{@link #MIN}, {@link #MAX}], the same for the same
     * arguments. Painted in layers: a smooth diagonal gradient with a slow wave over it; a field of
     * diagonal stripes (texture) in the lower right; {@value #SHAPES} rectangles and discs with hard
     * edges whose places, sizes and grey levels follow {@code seed}; a flat, shape-free rectangle in the
     * upper left; finally uniform noise of +-{@value #NOISE} everywhere, clamped to the range.
     */
    public static FloatMatrix structured(int rows, int cols, long seed) {
        FloatMatrix m = FloatMatrix.create(rows, cols);
        float[] a = m.array();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double u = (double) r / rows;
                double v = (double) c / cols;
                double g = 40 + 90 * (0.6 * u + 0.4 * v) + 12 * Math.sin(2 * Math.PI * (u + 0.5 * v));
                // Texture: stripes six pixels wide, at 45 degrees, in the lower right.
                if (u >= 0.6 && u < 0.9 && v >= 0.55 && v < 0.95) {
                    g = ((r + c) / 6) % 2 == 0 ? 50 : 210;
                }
                a[r * cols + c] = (float) g;
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int s = 0; s < SHAPES; s++) {
            double cr = rnd.nextDouble(rows);
            double cc = rnd.nextDouble(cols);
            double hr = rows * (0.03 + 0.09 * rnd.nextDouble());
            double hc = cols * (0.03 + 0.09 * rnd.nextDouble());
            float level = (float) rnd.nextDouble(MIN, MAX);
            boolean disc = rnd.nextBoolean();
            int rLo = Math.max(0, (int) (cr - hr));
            int rHi = Math.min(rows, (int) Math.ceil(cr + hr) + 1);
            int cLo = Math.max(0, (int) (cc - hc));
            int cHi = Math.min(cols, (int) Math.ceil(cc + hc) + 1);
            for (int r = rLo; r < rHi; r++) {
                for (int c = cLo; c < cHi; c++) {
                    double dr = (r - cr) / hr;
                    double dc = (c - cc) / hc;
                    boolean inside = disc ? dr * dr + dc * dc <= 1 : Math.abs(dr) <= 1 && Math.abs(dc) <= 1;
                    if (inside) {
                        a[r * cols + c] = level;
                    }
                }
            }
        }
        // Painted last so no shape lands on it: a region whose tiles are flat but for the noise.
        int flatRows = (int) (rows * 0.3);
        int flatCols = (int) (cols * 0.35);
        for (int r = 0; r < flatRows; r++) {
            for (int c = 0; c < flatCols; c++) {
                a[r * cols + c] = 180f;
            }
        }
        for (int i = 0; i < a.length; i++) {
            float noisy = a[i] + (float) rnd.nextDouble(-NOISE, NOISE);
            a[i] = Math.min(MAX, Math.max(MIN, noisy));
        }
        return m;
    }
}
