package dev.shmt.apps.dct8x8;

/**
 * {@link Dct8x8#forward}'s fp32 body over a strip of 8 rows at a time, in the operation order the class
 * comment gives (rows of each block, then its columns; every sum over 8 products from index 0 up).
 *
 * <p>JDK 17's C2 vectorizes only loops that read their arrays at the loop index, and a block's row pass
 * reads along the row: within a block, not across the strip. So each pass runs as a column pass over
 * the whole strip, between two transposes of its 8 x 8 blocks:
 *
 * <ol>
 *   <li>{@code t[x][8b + y] = X_b[y][x]}: each block transposed (scalar copies);
 *   <li>{@code h[u][j] = sum_x C[u][x] t[x][j]} for every column j of the strip: {@code h[u][8b + y] =
 *       R_b[y][u]}, the row pass, vectorized across the strip;
 *   <li>{@code g[y][8b + u] = h[u][8b + y]}: each block transposed back, so {@code g[y][8b + u] = R_b[y][u]};
 *   <li>{@code out[v][j] = sum_y C[v][y] g[y][j]}: the column pass, vectorized, straight into the output
 *       rows.
 * </ol>
 *
 * Transposes move values exactly, so every output is the same float as the one-block-at-a-time order of
 * the GPU kernel. The strip is read whole before any of its output is written, so an output that is the
 * very view of the input (in place) is fine.
 */
final class Dct8x8Interior {
    private static final int B = Dct8x8.BLOCK;

    private Dct8x8Interior() {}

    /**
     * Writes the DCT of the {@code rows x cols} cells from {@code a[srcOffset]} (row stride
     * {@code srcStride}) to {@code out[dstOffset]} (row stride {@code dstStride}); rows and cols are
     * multiples of 8 and blocks start at the first cell.
     */
    static void run(float[] a, int srcOffset, int srcStride, float[] out, int dstOffset, int dstStride,
                    int rows, int cols) {
        if (rows <= 0 || cols <= 0) {
            return;
        }
        float[][] t = new float[B][cols];
        float[][] h = new float[B][cols];
        float[][] g = new float[B][cols];
        float[] row = new float[cols];
        float[] c = Dct8x8.COS;
        for (int r0 = 0; r0 < rows; r0 += B) {
            transposeIn(a, srcOffset + r0 * srcStride, srcStride, t, cols);
            for (int u = 0; u < B; u++) {
                columnPass(c, u, t, h[u], cols);
            }
            transposeBlocks(h, g, cols);
            for (int v = 0; v < B; v++) {
                columnPass(c, v, g, row, cols);
                System.arraycopy(row, 0, out, dstOffset + (r0 + v) * dstStride, cols);
            }
        }
    }

    /** {@code t[x][8b + y] = a[at + y * stride + 8b + x]}: the strip's blocks, each transposed. */
    private static void transposeIn(float[] a, int at, int stride, float[][] t, int cols) {
        for (int y = 0; y < B; y++) {
            int from = at + y * stride;
            for (int b = 0; b < cols; b += B) {
                for (int x = 0; x < B; x++) {
                    t[x][b + y] = a[from + b + x];
                }
            }
        }
    }

    /** {@code g[y][8b + u] = h[u][8b + y]}. */
    private static void transposeBlocks(float[][] h, float[][] g, int cols) {
        for (int u = 0; u < B; u++) {
            float[] hu = h[u];
            for (int b = 0; b < cols; b += B) {
                for (int y = 0; y < B; y++) {
                    g[y][b + u] = hu[b + y];
                }
            }
        }
    }

    /** {@code dst[j] = (((C[k][0] m[0][j] + C[k][1] m[1][j]) + ...) + C[k][7] m[7][j]}: reads at the loop index. */
    private static void columnPass(float[] c, int k, float[][] m, float[] dst, int cols) {
        float c0 = c[k * B];
        float c1 = c[k * B + 1];
        float c2 = c[k * B + 2];
        float c3 = c[k * B + 3];
        float c4 = c[k * B + 4];
        float c5 = c[k * B + 5];
        float c6 = c[k * B + 6];
        float c7 = c[k * B + 7];
        float[] m0 = m[0];
        float[] m1 = m[1];
        float[] m2 = m[2];
        float[] m3 = m[3];
        float[] m4 = m[4];
        float[] m5 = m[5];
        float[] m6 = m[6];
        float[] m7 = m[7];
        for (int j = 0; j < cols; j++) {
            dst[j] = ((((((c0 * m0[j] + c1 * m1[j]) + c2 * m2[j]) + c3 * m3[j]) + c4 * m4[j]) + c5 * m5[j])
                    + c6 * m6[j]) + c7 * m7[j];
        }
    }
}
