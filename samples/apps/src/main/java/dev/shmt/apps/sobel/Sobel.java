package dev.shmt.apps.sobel;

import dev.shmt.api.Border;
import dev.shmt.api.DeviceKind;
import dev.shmt.api.EmulationCost;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.GpuKernel;
import dev.shmt.api.In;
import dev.shmt.api.NpuModel;
import dev.shmt.api.Out;
import dev.shmt.api.Partition;
import dev.shmt.api.Vop;
import dev.shmt.apps.common.Interior;

/**
 * The Sobel benchmark VOP, written once for the whole matrix. The annotation processor generates
 * {@code SobelVops}, which runs it tiled on every device of a runtime.
 */
public final class Sobel {
    /** Sobel's horizontal derivative, row-major 3 x 3: {@link #sobel}'s Gx, and its NPU model's set 0. */
    static final float[] SOBEL_X = {-1f, 0f, 1f, -2f, 0f, 2f, -1f, 0f, 1f};

    /** Sobel's vertical derivative, row-major 3 x 3: {@link #sobel}'s Gy, and its NPU model's set 1. */
    static final float[] SOBEL_Y = {-1f, -2f, -1f, 0f, 0f, 0f, 1f, 2f, 1f};

    private Sobel() {}

    /**
     * The Sobel gradient magnitude {@code sqrt(Gx^2 + Gy^2)}. The GPU kernel performs the same fp32
     * operations in the same order, so CPU and GPU tiles are bitwise equal to this method called on the
     * whole image; NPU tiles ({@link SobelNpu}) compute Gx and Gy in int8 and are close, not equal.
     */
    // Emulation costs: 2 x 9 multiply-adds and a square root per cell; the NPU: two 3 x 3 convolutions (36), int8
    // in and out
    @EmulationCost(kind = DeviceKind.CPU, opsPerCell = 40, bytesPerCell = 8)
    @EmulationCost(kind = DeviceKind.GPU, opsPerCell = 40, bytesPerCell = 8)
    @EmulationCost(kind = DeviceKind.NPU, opsPerCell = 36, bytesPerCell = 2)
    @Vop(partition = Partition.TILE_2D, halo = 1, border = Border.REFLECT_101)
    @GpuKernel(ptx = "/dev/shmt/apps/sobel/sobel.ptx", function = "sobel3")
    @NpuModel(SobelNpu.class)
    public static void sobel(@In FloatMatrix src, @Out FloatMatrix dst) {
        // Cells whose whole 3 x 3 neighbourhood lies inside the matrix are read straight from the array
        // (SobelInterior); only the rim of the whole image goes through get() for its border values.
        int[] in = Interior.of(src, dst.rows(), dst.cols());
        SobelInterior.run(src.array(), src.offset(), src.stride(), dst.array(), dst.offset(), dst.stride(),
                in[0], in[1], in[2], in[3]);
        Interior.rim(src, dst, in, Sobel::magnitudeAt);
    }

    /**
     * {@link #sobel}'s double-precision reference, what its quality is measured against: {@code sqrt(Gx^2 +
     * Gy^2)} in double from the same float inputs, dense row-major {@code src.rows() x src.cols()}. Cells
     * past the whole matrix read {@link Border#REFLECT_101}, as the VOP declares. Gx and Gy are exact in
     * double (float inputs times weights of 1 and 2), so the result is a few double roundings from exact.
     *
     * @throws IllegalArgumentException when {@code src} is null
     */
    public static double[] reference(FloatMatrix src) {
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

    /** The same operations in the same order as {@link SobelInterior}, through get() for border cells. */
    private static float magnitudeAt(FloatMatrix src, int r, int c) {
        float gx = (src.get(r - 1, c + 1) + 2f * src.get(r, c + 1) + src.get(r + 1, c + 1))
                - (src.get(r - 1, c - 1) + 2f * src.get(r, c - 1) + src.get(r + 1, c - 1));
        float gy = (src.get(r + 1, c - 1) + 2f * src.get(r + 1, c) + src.get(r + 1, c + 1))
                - (src.get(r - 1, c - 1) + 2f * src.get(r - 1, c) + src.get(r - 1, c + 1));
        return (float) Math.sqrt(gx * gx + gy * gy);
    }
}
