package dev.shmt.apps.common;

import dev.shmt.api.FloatMatrix;

/**
 * Where a 3 x 3 stencil's tile may read its neighbours straight from the array (its interior), and the
 * rest of the tile (its rim), computed through get() for the border.
 */
public final class Interior {
    private Interior() {}

    /**
     * {@code {r0, r1, c0, c1}}: the cells of a {@code rows x cols} tile of {@code m} whose eight
     * neighbours lie inside the whole matrix, so that its array holds them; the rest need get() for the
     * border.
     */
    public static int[] of(FloatMatrix m, int rows, int cols) {
        int r0 = clamp(1 - m.originRow(), rows);
        int r1 = Math.max(r0, clamp(m.wholeRows() - 1 - m.originRow(), rows));
        int c0 = clamp(1 - m.originCol(), cols);
        int c1 = Math.max(c0, clamp(m.wholeCols() - 1 - m.originCol(), cols));
        return new int[] {r0, r1, c0, c1};
    }

    /** One output cell from the matrix's values around it, read through get() (borders included). */
    public interface Cell {
        float at(FloatMatrix src, int r, int c);
    }

    /** Every cell of {@code dst} outside {@code interior} ({@code {r0, r1, c0, c1}} from {@link #of}), by {@code f}. */
    public static void rim(FloatMatrix src, FloatMatrix dst, int[] interior, Cell f) {
        int cols = dst.cols();
        for (int r = 0; r < dst.rows(); r++) {
            if (r < interior[0] || r >= interior[1]) {
                cells(src, dst, r, 0, cols, f);
            } else {
                cells(src, dst, r, 0, interior[2], f);
                cells(src, dst, r, interior[3], cols, f);
            }
        }
    }

    /** Columns {@code [from, until)} of row {@code r}. */
    private static void cells(FloatMatrix src, FloatMatrix dst, int r, int from, int until, Cell f) {
        float[] out = dst.array();
        int to = dst.offset() + r * dst.stride();
        for (int c = from; c < until; c++) {
            out[to + c] = f.at(src, r, c);
        }
    }

    /** {@code v} limited to {@code [0, n]}. */
    private static int clamp(int v, int n) {
        return Math.min(n, Math.max(0, v));
    }
}
