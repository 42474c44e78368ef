package dev.shmt.apps.sobel;

/**
 * The interior of {@link Sobel#sobel}: the cells whose whole 3 x 3 neighbourhood lies inside the
 * matrix, with exactly the fp32 operations of the GPU kernel {@code sobel3}, in the same order:
 *
 * <pre>
 * gx = ((U[c+1] + 2 M[c+1]) + D[c+1]) - ((U[c-1] + 2 M[c-1]) + D[c-1])
 * gy = ((D[c-1] + 2 D[c]) + D[c+1]) - ((U[c-1] + 2 U[c]) + U[c+1])
 * out = sqrt(gx * gx + gy * gy)
 * </pre>
 *
 * for the rows U, M, D above, at and below the cell. Only the loops are arranged for speed. JDK 17's C2
 * vectorizes a loop only when all its float loads and stores sit at the same offset from the loop index
 * (it refuses same-type accesses it cannot prove equally aligned, since they might overlap). So each input
 * row is copied ({@link System#arraycopy}) into three buffers shifted by -1, 0 and +1 columns; the bracket
 * {@code (X[c-1] + 2 X[c]) + X[c+1]} of gy is computed once per input row X (it serves the rows above and
 * below it) and kept in a ring of three rows with the shifted copies; each output row is computed into a
 * buffer, every access at index {@code k}, then copied out. (Strips of 512 or 1024 columns, to keep the
 * buffers in L1, measured slower than whole rows: the memory streams prefetch better.)
 */
final class SobelInterior {
    private SobelInterior() {}

    /**
     * Writes output rows {@code [r0, r1)}, columns {@code [c0, c1)}; input cell {@code (r, c)} is
     * {@code a[srcOffset + r * srcStride + c]}, which must exist for rows {@code r0 - 1 .. r1} and columns
     * {@code c0 - 1 .. c1}. Output cell {@code (r, c)} is {@code out[dstOffset + r * dstStride + c]}.
     */
    static void run(float[] a, int srcOffset, int srcStride, float[] out, int dstOffset, int dstStride,
                    int r0, int r1, int c0, int c1) {
        if (r1 <= r0 || c1 <= c0) {
            return;
        }
        int w = c1 - c0;
        float[][] left = new float[3][w];
        float[][] right = new float[3][w];
        float[][] smooth = new float[3][w];
        float[] centre = new float[w];
        float[] row = new float[w];
        // Ring slot of input row i: (i + 3) mod 3, non-negative for the first one, r0 - 1 >= -1.
        for (int i = r0 - 1; i <= r0; i++) {
            int slot = (i + 3) % 3;
            load(a, srcOffset + i * srcStride + c0, left[slot], centre, right[slot], smooth[slot], w);
        }
        for (int r = r0; r < r1; r++) {
            int u = (r + 2) % 3;
            int m = (r + 3) % 3;
            int d = (r + 4) % 3;
            load(a, srcOffset + (r + 1) * srcStride + c0, left[d], centre, right[d], smooth[d], w);
            magnitudes(left[u], left[m], left[d], right[u], right[m], right[d], smooth[u], smooth[d], row, w);
            System.arraycopy(row, 0, out, dstOffset + r * dstStride + c0, w);
        }
    }

    /** One input row from {@code a[at - 1]}: its copies shifted by -1, 0, +1 and gy's bracket for it. */
    private static void load(float[] a, int at, float[] l, float[] c, float[] r, float[] smooth, int w) {
        System.arraycopy(a, at - 1, l, 0, w);
        System.arraycopy(a, at, c, 0, w);
        System.arraycopy(a, at + 1, r, 0, w);
        for (int k = 0; k < w; k++) {
            smooth[k] = (l[k] + 2f * c[k]) + r[k];
        }
    }

    /** One output row from the up, middle and down rows' shifted copies and the brackets of up and down. */
    private static void magnitudes(float[] ul, float[] ml, float[] dl, float[] ur, float[] mr, float[] dr,
                                   float[] us, float[] ds, float[] row, int w) {
        for (int k = 0; k < w; k++) {
            float gx = (ur[k] + 2f * mr[k] + dr[k]) - (ul[k] + 2f * ml[k] + dl[k]);
            float gy = ds[k] - us[k];
            row[k] = (float) Math.sqrt(gx * gx + gy * gy);
        }
    }
}
