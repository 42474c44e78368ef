package dev.shmt.samples;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.GpuKernel;
import dev.shmt.api.In;
import dev.shmt.api.NpuModel;
import dev.shmt.api.Out;
import dev.shmt.api.Partition;
import dev.shmt.api.Vop;

/**
 * The image benchmark VOPs, written once for the whole matrix. The annotation processor generates
 * {@code ImageOpsVops}, which runs them tiled on every device of a runtime.
 */
public final class ImageOps {
    /** Sobel's horizontal derivative, row-major 3 x 3: {@link #sobel}'s Gx, and its NPU model's set 0. */
    static final float[] SOBEL_X = {-1f, 0f, 1f, -2f, 0f, 2f, -1f, 0f, 1f};

    /** Sobel's vertical derivative, row-major 3 x 3: {@link #sobel}'s Gy, and its NPU model's set 1. */
    static final float[] SOBEL_Y = {-1f, -2f, -1f, 0f, 0f, 0f, 1f, 2f, 1f};

    private ImageOps() {}

    /**
     * The Sobel gradient magnitude {@code sqrt(Gx^2 + Gy^2)}. The GPU kernel performs the same fp32
     * operations in the same order, so CPU and GPU tiles are bitwise equal to this method called on the
     * whole image; NPU tiles ({@link SobelNpu}) compute Gx and Gy in int8 and are close, not equal.
     */
    @Vop(partition = Partition.TILE_2D, halo = 1, border = Border.REFLECT_101)
    @GpuKernel(ptx = "/dev/shmt/gpu/kernels/stencils.ptx", function = "sobel3")
    @NpuModel(SobelNpu.class)
    public static void sobel(@In FloatMatrix src, @Out FloatMatrix dst) {
        int rows = dst.rows();
        int cols = dst.cols();
        float[] a = src.array();
        int stride = src.stride();
        float[] out = dst.array();
        // Cells whose whole 3 x 3 neighbourhood lies inside the matrix are read straight from the array;
        // only the rim of the whole image goes through get() for its border values.
        int r0 = inner(1 - src.originRow(), rows);
        int r1 = Math.max(r0, inner(src.wholeRows() - 1 - src.originRow(), rows));
        int c0 = inner(1 - src.originCol(), cols);
        int c1 = Math.max(c0, inner(src.wholeCols() - 1 - src.originCol(), cols));
        for (int r = 0; r < rows; r++) {
            int to = dst.offset() + r * dst.stride();
            if (r < r0 || r >= r1) {
                for (int c = 0; c < cols; c++) {
                    out[to + c] = magnitudeAt(src, r, c);
                }
                continue;
            }
            for (int c = 0; c < c0; c++) {
                out[to + c] = magnitudeAt(src, r, c);
            }
            int mid = src.offset() + r * stride;
            int up = mid - stride;
            int down = mid + stride;
            for (int c = c0; c < c1; c++) {
                float gx = (a[up + c + 1] + 2f * a[mid + c + 1] + a[down + c + 1])
                        - (a[up + c - 1] + 2f * a[mid + c - 1] + a[down + c - 1]);
                float gy = (a[down + c - 1] + 2f * a[down + c] + a[down + c + 1])
                        - (a[up + c - 1] + 2f * a[up + c] + a[up + c + 1]);
                out[to + c] = (float) Math.sqrt(gx * gx + gy * gy);
            }
            for (int c = c1; c < cols; c++) {
                out[to + c] = magnitudeAt(src, r, c);
            }
        }
    }

    /** {@code v} limited to {@code [0, n]}. */
    private static int inner(int v, int n) {
        return Math.min(n, Math.max(0, v));
    }

    /** The same operations in the same order as the inner loop, through get() for border cells. */
    private static float magnitudeAt(FloatMatrix src, int r, int c) {
        float gx = (src.get(r - 1, c + 1) + 2f * src.get(r, c + 1) + src.get(r + 1, c + 1))
                - (src.get(r - 1, c - 1) + 2f * src.get(r, c - 1) + src.get(r + 1, c - 1));
        float gy = (src.get(r + 1, c - 1) + 2f * src.get(r + 1, c) + src.get(r + 1, c + 1))
                - (src.get(r - 1, c - 1) + 2f * src.get(r - 1, c) + src.get(r - 1, c + 1));
        return (float) Math.sqrt(gx * gx + gy * gy);
    }
}
