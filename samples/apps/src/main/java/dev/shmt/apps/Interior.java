package dev.shmt.apps;

import dev.shmt.api.FloatMatrix;

/** Where a 3 x 3 stencil's tile may read its neighbours straight from the array. */
final class Interior {
    private Interior() {}

    /**
     * {@code {r0, r1, c0, c1}}: the cells of a {@code rows x cols} tile of {@code m} whose eight
     * neighbours lie inside the whole matrix, so that its array holds them; the rest need get() for the
     * border.
     */
    static int[] of(FloatMatrix m, int rows, int cols) {
        int r0 = clamp(1 - m.originRow(), rows);
        int r1 = Math.max(r0, clamp(m.wholeRows() - 1 - m.originRow(), rows));
        int c0 = clamp(1 - m.originCol(), cols);
        int c1 = Math.max(c0, clamp(m.wholeCols() - 1 - m.originCol(), cols));
        return new int[] {r0, r1, c0, c1};
    }

    /** {@code v} limited to {@code [0, n]}. */
    private static int clamp(int v, int n) {
        return Math.min(n, Math.max(0, v));
    }
}
