package dev.shmt.npu.kernels;

import dev.shmt.api.FloatMatrix;
import dev.shmt.npu.quant.ValueRange;

/** The range of the values a stencil reads for one tile: the tile and its halo, border cells included. */
final class TileRange {
    private TileRange() {}

    /**
     * Smallest and largest finite value of {@code tile.get(r, c)} over {@code [-halo, rows + halo) x
     * [-halo, cols + halo)}; null when none is finite. Cells inside the whole matrix are read straight
     * from the array, one pass; border cells through {@code get}.
     */
    static ValueRange of(FloatMatrix tile, int halo) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        int cols = tile.cols() + 2 * halo;
        int c0 = tile.originCol() - halo;
        int in0 = Math.min(cols, Math.max(0, -c0));
        int in1 = Math.max(in0, Math.min(cols, tile.wholeCols() - c0));
        float[] a = tile.array();
        for (int vr = -halo; vr < tile.rows() + halo; vr++) {
            int gr = tile.originRow() + vr;
            boolean inside = gr >= 0 && gr < tile.wholeRows();
            for (int c = 0; c < cols; c++) {
                if (inside && c == in0 && in1 > in0) {
                    int from = tile.offset() + vr * tile.stride() - halo + in0;
                    for (int i = from, end = from + (in1 - in0); i < end; i++) {
                        float v = a[i];
                        // NaN fails both comparisons; infinities are skipped by the finite check below.
                        if (v < lo && v > Float.NEGATIVE_INFINITY) {
                            lo = v;
                        }
                        if (v > hi && v < Float.POSITIVE_INFINITY) {
                            hi = v;
                        }
                    }
                    c = in1 - 1;
                    continue;
                }
                float v = tile.get(vr, c - halo);
                if (Float.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo <= hi ? new ValueRange(lo, hi) : null;
    }
}
