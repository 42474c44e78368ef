package dev.shmt.apps;

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

    /** The Laplacian's 3 x 3 weights, row-major (OpenCV's {@code Laplacian} with ksize 1): its NPU model's. */
    static final float[] LAPLACIAN = {0f, 1f, 0f, 1f, -4f, 1f, 0f, 1f, 0f};

    /** The 3 x 3 mean's weights, row-major: its NPU model's. */
    static final float[] MEAN3 = {1f / 9, 1f / 9, 1f / 9, 1f / 9, 1f / 9, 1f / 9, 1f / 9, 1f / 9, 1f / 9};

    private ImageOps() {}

    /**
     * The Sobel gradient magnitude {@code sqrt(Gx^2 + Gy^2)}. The GPU kernel performs the same fp32
     * operations in the same order, so CPU and GPU tiles are bitwise equal to this method called on the
     * whole image; NPU tiles ({@link SobelNpu}) compute Gx and Gy in int8 and are close, not equal.
     */
    @Vop(partition = Partition.TILE_2D, halo = 1, border = Border.REFLECT_101)
    @GpuKernel(ptx = "/dev/shmt/apps/sobel/sobel.ptx", function = "sobel3")
    @NpuModel(SobelNpu.class)
    public static void sobel(@In FloatMatrix src, @Out FloatMatrix dst) {
        // Cells whose whole 3 x 3 neighbourhood lies inside the matrix are read straight from the array
        // (SobelInterior); only the rim of the whole image goes through get() for its border values.
        int[] in = Interior.of(src, dst.rows(), dst.cols());
        SobelInterior.run(src.array(), src.offset(), src.stride(), dst.array(), dst.offset(), dst.stride(),
                in[0], in[1], in[2], in[3]);
        rim(src, dst, in, ImageOps::magnitudeAt);
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


    /**
     * The Laplacian {@code d2/dx2 + d2/dy2} with the 5-point stencil, OpenCV's {@code Laplacian} with
     * ksize 1. CPU and GPU tiles are bitwise equal to this method called on the whole image (the same fp32
     * operations in the same order, {@link Stencil3Interior}); NPU tiles ({@link LaplacianNpu}) are int8.
     */
    @Vop(partition = Partition.TILE_2D, halo = 1, border = Border.REFLECT_101)
    @GpuKernel(ptx = "/dev/shmt/apps/laplacian/laplacian.ptx", function = "laplacian3")
    @NpuModel(LaplacianNpu.class)
    public static void laplacian(@In FloatMatrix src, @Out FloatMatrix dst) {
        int[] in = Interior.of(src, dst.rows(), dst.cols());
        Stencil3Interior.laplacian(src.array(), src.offset(), src.stride(), dst.array(), dst.offset(), dst.stride(),
                in[0], in[1], in[2], in[3]);
        rim(src, dst, in, (m, r, c) -> ((m.get(r - 1, c) + m.get(r + 1, c)) + (m.get(r, c - 1) + m.get(r, c + 1)))
                - 4f * m.get(r, c));
    }

    /**
     * The 3 x 3 mean (box) filter, OpenCV's {@code blur} with a 3 x 3 kernel. CPU and GPU tiles are
     * bitwise equal to this method called on the whole image ({@link Stencil3Interior}); NPU tiles
     * ({@link Mean3Npu}) are int8.
     */
    @Vop(partition = Partition.TILE_2D, halo = 1, border = Border.REFLECT_101)
    @GpuKernel(ptx = "/dev/shmt/apps/meanfilter/meanfilter.ptx", function = "mean3")
    @NpuModel(Mean3Npu.class)
    public static void mean3(@In FloatMatrix src, @Out FloatMatrix dst) {
        int[] in = Interior.of(src, dst.rows(), dst.cols());
        Stencil3Interior.mean(src.array(), src.offset(), src.stride(), dst.array(), dst.offset(), dst.stride(),
                in[0], in[1], in[2], in[3]);
        rim(src, dst, in, (m, r, c) -> (((m.get(r - 1, c - 1) + m.get(r - 1, c)) + m.get(r - 1, c + 1))
                + ((m.get(r, c - 1) + m.get(r, c)) + m.get(r, c + 1))
                + ((m.get(r + 1, c - 1) + m.get(r + 1, c)) + m.get(r + 1, c + 1))) * (1f / 9f));
    }

    /**
     * {@link #laplacian}'s double-precision reference, dense row-major, {@link Border#REFLECT_101} past the
     * matrix: exact sums of float inputs with integer weights, so exact in double.
     *
     * @throws IllegalArgumentException when {@code src} is null
     */
    public static double[] laplacianReference(FloatMatrix src) {
        return reference3(src, LAPLACIAN, 1, "the Laplacian's input image");
    }

    /**
     * {@link #mean3}'s double-precision reference: the exact sum of the nine float inputs in double, divided
     * by 9 once.
     *
     * @throws IllegalArgumentException when {@code src} is null
     */
    public static double[] mean3Reference(FloatMatrix src) {
        return reference3(src, new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, 9, "the mean filter's input image");
    }

    /** {@code sum(weights x neighbourhood) / divisor} per cell in double, {@link Border#REFLECT_101}. */
    private static double[] reference3(FloatMatrix src, float[] weights, double divisor, String expected) {
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

    /** One output cell from the matrix's values around it, read through get() (borders included). */
    private interface Cell {
        float at(FloatMatrix src, int r, int c);
    }

    /** Every cell of {@code dst} outside {@code interior}'s {@code {r0, r1, c0, c1}}, computed by {@code f}. */
    private static void rim(FloatMatrix src, FloatMatrix dst, int[] interior, Cell f) {
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

    /** The same operations in the same order as {@link SobelInterior}, through get() for border cells. */
    private static float magnitudeAt(FloatMatrix src, int r, int c) {
        float gx = (src.get(r - 1, c + 1) + 2f * src.get(r, c + 1) + src.get(r + 1, c + 1))
                - (src.get(r - 1, c - 1) + 2f * src.get(r, c - 1) + src.get(r + 1, c - 1));
        float gy = (src.get(r + 1, c - 1) + 2f * src.get(r + 1, c) + src.get(r + 1, c + 1))
                - (src.get(r - 1, c - 1) + 2f * src.get(r - 1, c) + src.get(r - 1, c + 1));
        return (float) Math.sqrt(gx * gx + gy * gy);
    }
}
