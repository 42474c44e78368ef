package dev.shmt.apps.common;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;

/** The double-precision reference of a weighted 3 x 3 stencil, what the image filters' quality is measured against. */
public final class Stencil3Reference {
    private Stencil3Reference() {}

    /**
     * {@code sum(weights x neighbourhood) / divisor} per cell in double, dense row-major, {@link
     * Border#REFLECT_101} past the matrix; {@code weights} row-major 3 x 3.
     *
     * @param expected what {@code src} should have been, for the message when it is null
     * @throws IllegalArgumentException when {@code src} is null
     */
    public static double[] weighted(FloatMatrix src, float[] weights, double divisor, String expected) {
        if (src == null) {
            throw new IllegalArgumentException("src must not be null; expected " + expected);
        }
        FloatMatrix s = src.withBorder(Border.REFLECT_101);
        int rows = s.rows();
        int cols = s.cols();
        double[] out = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double sum = 0;
                for (int dr = -1; dr <= 1; dr++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        sum += weights[(dr + 1) * 3 + dc + 1] * (double) s.get(r + dr, c + dc);
                    }
                }
                out[r * cols + c] = sum / divisor;
            }
        }
        return out;
    }
}
