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
        float[] out = dst.array();
        // Cells whose whole 3 x 3 neighbourhood lies inside the matrix are read straight from the array
        // (SobelInterior); only the rim of the whole image goes through get() for its border values.
        int r0 = inner(1 - src.originRow(), rows);
        int r1 = Math.max(r0, inner(src.wholeRows() - 1 - src.originRow(), rows));
        int c0 = inner(1 - src.originCol(), cols);
        int c1 = Math.max(c0, inner(src.wholeCols() - 1 - src.originCol(), cols));
        SobelInterior.run(src.array(), src.offset(), src.stride(), out, dst.offset(), dst.stride(), r0, r1, c0, c1);
        for (int r = 0; r < rows; r++) {
            int to = dst.offset() + r * dst.stride();
            if (r < r0 || r >= r1) {
                rim(src, r, 0, cols, out, to);
            } else {
                rim(src, r, 0, c0, out, to);
                rim(src, r, c1, cols, out, to);
            }
        }
    }

    /** Columns {@code [from, until)} of row {@code r} through get(), written from {@code out[to]} on. */
    private static void rim(FloatMatrix src, int r, int from, int until, float[] out, int to) {
        for (int c = from; c < until; c++) {
            out[to + c] = magnitudeAt(src, r, c);
        }
    }

    /**
     * {@link #sobel}'s double-precision reference, what its quality is measured against: {@code sqrt(Gx^2 +
     * Gy^2)} in double from the same float inputs, dense row-major {@code src.rows() x src.cols()}. Cells
     * past the whole matrix read {@link Border#REFLECT_101}, as the VOP declares. Gx and Gy are exact in
     * double (float inputs times weights of 1 and 2), so the result is a few double roundings from exact.
     *
     * @throws IllegalArgumentException when {@code src} is null
     */
    public static double[] sobelReference(FloatMatrix src) {
        if (src == null) {
            throw new IllegalArgumentException("src must not be null; expected the Sobel input image");
        }
        FloatMatrix s = src.withBorder(Border.REFLECT_101);
        int rows = s.rows();
        int cols = s.cols();
        double[] out = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double gx = 0;
                double gy = 0;
                for (int dr = -1; dr <= 1; dr++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        double v = s.get(r + dr, c + dc);
                        gx += SOBEL_X[(dr + 1) * 3 + dc + 1] * v;
                        gy += SOBEL_Y[(dr + 1) * 3 + dc + 1] * v;
                    }
                }
                out[r * cols + c] = Math.sqrt(gx * gx + gy * gy);
            }
        }
        return out;
    }

    /** {@code v} limited to {@code [0, n]}. */
    private static int inner(int v, int n) {
        return Math.min(n, Math.max(0, v));
    }

    /** The same operations in the same order as {@link SobelInterior}, through get() for border cells. */
    private static float magnitudeAt(FloatMatrix src, int r, int c) {
        float gx = (src.get(r - 1, c + 1) + 2f * src.get(r, c + 1) + src.get(r + 1, c + 1))
                - (src.get(r - 1, c - 1) + 2f * src.get(r, c - 1) + src.get(r + 1, c - 1));
        float gy = (src.get(r + 1, c - 1) + 2f * src.get(r + 1, c) + src.get(r + 1, c + 1))
                - (src.get(r - 1, c - 1) + 2f * src.get(r - 1, c) + src.get(r - 1, c + 1));
        return (float) Math.sqrt(gx * gx + gy * gy);
    }
}
