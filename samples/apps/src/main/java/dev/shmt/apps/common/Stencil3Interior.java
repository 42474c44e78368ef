package dev.shmt.apps.common;

/**
 * The interiors of the Laplacian, mean filter and HotSpot VOPs ({@code Laplacian.laplacian},
 * {@code MeanFilter.mean3}, {@code Hotspot.step}): the cells whose whole 3 x 3 neighbourhood lies inside the
 * matrix, with exactly the fp32 operations of the GPU kernels {@code laplacian3}, {@code mean3} and
 * {@code hotspot}, in the same order:
 *
 * <pre>
 * laplacian = ((U[c] + D[c]) + (M[c-1] + M[c+1])) - 4 M[c]
 * mean      = ((h(U) + h(M)) + h(D)) * (1/9)     where h(X) = (X[c-1] + X[c]) + X[c+1]
 * hotspot   = M[c] + K (((P[c] + ((D[c] + U[c]) - 2 M[c]) G) + ((M[c+1] + M[c-1]) - 2 M[c]) G) + (AMB - M[c]) Gz)
 * </pre>
 *
 * for the rows U, M, D above, at and below the cell. As in the Sobel VOP's interior, every loop reads its
 * arrays at the loop index only, so that JDK 17's C2 vectorizes it: rows are copied shifted by -1, 0 and
 * +1 columns, and a ring of three rows keeps what each input row contributes to the three output rows
 * it serves.
 */
public final class Stencil3Interior {
    private Stencil3Interior() {}

    /**
     * Writes output rows {@code [r0, r1)}, columns {@code [c0, c1)} of the Laplacian; input cell
     * {@code (r, c)} is {@code a[srcOffset + r * srcStride + c]}, which must exist for rows
     * {@code r0 - 1 .. r1} and columns {@code c0 - 1 .. c1}; output cell {@code (r, c)} is
     * {@code out[dstOffset + r * dstStride + c]}.
     */
    public static void laplacian(float[] a, int srcOffset, int srcStride, float[] out, int dstOffset, int dstStride,
                          int r0, int r1, int c0, int c1) {
        if (r1 <= r0 || c1 <= c0) {
            return;
        }
        int w = c1 - c0;
        float[][] centre = new float[3][w];
        float[] left = new float[w];
        float[] right = new float[w];
        float[] row = new float[w];
        for (int i = r0 - 1; i <= r0; i++) {
            System.arraycopy(a, srcOffset + i * srcStride + c0, centre[(i + 3) % 3], 0, w);
        }
        for (int r = r0; r < r1; r++) {
            float[] u = centre[(r + 2) % 3];
            float[] m = centre[(r + 3) % 3];
            float[] d = centre[(r + 4) % 3];
            int at = srcOffset + r * srcStride + c0;
            System.arraycopy(a, srcOffset + (r + 1) * srcStride + c0, d, 0, w);
            System.arraycopy(a, at - 1, left, 0, w);
            System.arraycopy(a, at + 1, right, 0, w);
            for (int k = 0; k < w; k++) {
                row[k] = ((u[k] + d[k]) + (left[k] + right[k])) - 4f * m[k];
            }
            System.arraycopy(row, 0, out, dstOffset + r * dstStride + c0, w);
        }
    }

    /**
     * As {@link #laplacian}, for one HotSpot step with its constants {@code g} (G), {@code gz} (Gz), {@code k}
     * (K) and {@code amb} (AMB), passed in so that this package knows no app; power cell {@code (r, c)} is
     * {@code p[powerOffset + r * powerStride + c]}.
     */
    public static void hotspot(float[] a, int srcOffset, int srcStride, float[] p, int powerOffset, int powerStride,
                               float[] out, int dstOffset, int dstStride, int r0, int r1, int c0, int c1,
                               float g, float gz, float k, float amb) {
        if (r1 <= r0 || c1 <= c0) {
            return;
        }
        int w = c1 - c0;
        float[][] centre = new float[3][w];
        float[] left = new float[w];
        float[] right = new float[w];
        float[] power = new float[w];
        float[] row = new float[w];
        for (int i = r0 - 1; i <= r0; i++) {
            System.arraycopy(a, srcOffset + i * srcStride + c0, centre[(i + 3) % 3], 0, w);
        }
        for (int r = r0; r < r1; r++) {
            float[] u = centre[(r + 2) % 3];
            float[] m = centre[(r + 3) % 3];
            float[] d = centre[(r + 4) % 3];
            int at = srcOffset + r * srcStride + c0;
            System.arraycopy(a, srcOffset + (r + 1) * srcStride + c0, d, 0, w);
            System.arraycopy(a, at - 1, left, 0, w);
            System.arraycopy(a, at + 1, right, 0, w);
            System.arraycopy(p, powerOffset + r * powerStride + c0, power, 0, w);
            for (int j = 0; j < w; j++) {
                float t = m[j];
                float delta = ((power[j] + ((d[j] + u[j]) - 2f * t) * g) + ((right[j] + left[j]) - 2f * t) * g)
                        + (amb - t) * gz;
                row[j] = t + k * delta;
            }
            System.arraycopy(row, 0, out, dstOffset + r * dstStride + c0, w);
        }
    }

    /** As {@link #laplacian}, for the 3 x 3 mean. */
    public static void mean(float[] a, int srcOffset, int srcStride, float[] out, int dstOffset, int dstStride,
                     int r0, int r1, int c0, int c1) {
        if (r1 <= r0 || c1 <= c0) {
            return;
        }
        int w = c1 - c0;
        float[][] sums = new float[3][w];
        float[] left = new float[w];
        float[] centre = new float[w];
        float[] right = new float[w];
        float[] row = new float[w];
        for (int i = r0 - 1; i <= r0; i++) {
            rowSum(a, srcOffset + i * srcStride + c0, left, centre, right, sums[(i + 3) % 3], w);
        }
        for (int r = r0; r < r1; r++) {
            float[] u = sums[(r + 2) % 3];
            float[] m = sums[(r + 3) % 3];
            float[] d = sums[(r + 4) % 3];
            rowSum(a, srcOffset + (r + 1) * srcStride + c0, left, centre, right, d, w);
            for (int k = 0; k < w; k++) {
                row[k] = ((u[k] + m[k]) + d[k]) * (1f / 9f);
            }
            System.arraycopy(row, 0, out, dstOffset + r * dstStride + c0, w);
        }
    }

    /** {@code h[k] = (a[at + k - 1] + a[at + k]) + a[at + k + 1]}, through the shifted copies. */
    private static void rowSum(float[] a, int at, float[] l, float[] c, float[] r, float[] h, int w) {
        System.arraycopy(a, at - 1, l, 0, w);
        System.arraycopy(a, at, c, 0, w);
        System.arraycopy(a, at + 1, r, 0, w);
        for (int k = 0; k < w; k++) {
            h[k] = (l[k] + c[k]) + r[k];
        }
    }
}
