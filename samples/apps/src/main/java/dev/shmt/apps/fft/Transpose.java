package dev.shmt.apps.fft;

import dev.shmt.api.FloatMatrix;

/** The cache-blocked transpose between the row passes of {@link Fft2d}. */
final class Transpose {
    /**
     * Block side: 8 x 8 blocks, written row by row. With power-of-two strides every row of a block maps
     * to the same cache set; 8 rows stay within the L1's ways where 16 or 32 thrash it (docs/measurements.md).
     */
    static final int BLOCK = 8;

    /**
     * Source rows per band: the blocks walk a band of this many rows across all columns before the
     * next band, so the pages of the rows they read stay in the TLB: it matters from 2048-row sources
     * (8 KB rows, one page each) on (docs/measurements.md).
     */
    static final int BAND = 256;

    private Transpose() {}

    /** {@code dst[c][r] = src[r][c]}; {@code dst} is {@code src.cols() x src.rows()} and must not overlap it. */
    static void transpose(FloatMatrix src, FloatMatrix dst) {
        int rows = src.rows();
        int cols = src.cols();
        if (dst.rows() != cols || dst.cols() != rows) {
            throw new IllegalArgumentException("dst must be " + cols + " x " + rows + " to hold the transpose of a "
                    + rows + " x " + cols + " src, got " + dst.rows() + " x " + dst.cols());
        }
        if (dst.overlaps(src)) {
            throw new IllegalArgumentException("dst must not overlap src");
        }
        float[] s = src.array();
        float[] d = dst.array();
        int so = src.offset();
        int ss = src.stride();
        int dO = dst.offset();
        int ds = dst.stride();
        for (int b0 = 0; b0 < rows; b0 += BAND) {
            int b1 = Math.min(rows, b0 + BAND);
            for (int c0 = 0; c0 < cols; c0 += BLOCK) {
                int c1 = Math.min(cols, c0 + BLOCK);
                for (int r0 = b0; r0 < b1; r0 += BLOCK) {
                    int r1 = Math.min(b1, r0 + BLOCK);
                    for (int c = c0; c < c1; c++) {
                        int to = dO + c * ds;
                        for (int r = r0; r < r1; r++) {
                            d[to + r] = s[so + r * ss + c];
                        }
                    }
                }
            }
        }
    }
}
