package dev.shmt.apps.laplacian;

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
import dev.shmt.apps.common.Stencil3Interior;
import dev.shmt.apps.common.Stencil3Reference;

/**
 * The Laplacian benchmark VOP, written once for the whole matrix. The annotation processor generates
 * {@code LaplacianVops}, which runs it tiled on every device of a runtime.
 */
public final class Laplacian {
    /** The Laplacian's 3 x 3 weights, row-major (OpenCV's {@code Laplacian} with ksize 1): its NPU model's. */
    static final float[] WEIGHTS = {0f, 1f, 0f, 1f, -4f, 1f, 0f, 1f, 0f};

    private Laplacian() {}

    /**
     * The Laplacian {@code d2/dx2 + d2/dy2} with the 5-point stencil, OpenCV's {@code Laplacian} with
     * ksize 1. CPU and GPU tiles are bitwise equal to this method called on the whole image (the same fp32
     * operations in the same order, {@link Stencil3Interior}); NPU tiles ({@link LaplacianNpu}) are int8.
     */
    // Emulation costs: 4 additions, a multiplication and a subtraction per cell; the NPU: one 3 x 3 convolution
    // (18)
    @EmulationCost(kind = DeviceKind.CPU, opsPerCell = 6, bytesPerCell = 8)
    @EmulationCost(kind = DeviceKind.GPU, opsPerCell = 6, bytesPerCell = 8)
    @EmulationCost(kind = DeviceKind.NPU, opsPerCell = 18, bytesPerCell = 2)
    @Vop(partition = Partition.TILE_2D, halo = 1, border = Border.REFLECT_101)
    @GpuKernel(ptx = "/dev/shmt/apps/laplacian/laplacian.ptx", function = "laplacian3")
    @NpuModel(LaplacianNpu.class)
    public static void laplacian(@In FloatMatrix src, @Out FloatMatrix dst) {
        int[] in = Interior.of(src, dst.rows(), dst.cols());
        Stencil3Interior.laplacian(src.array(), src.offset(), src.stride(), dst.array(), dst.offset(), dst.stride(),
                in[0], in[1], in[2], in[3]);
        Interior.rim(src, dst, in, (m, r, c) -> ((m.get(r - 1, c) + m.get(r + 1, c))
                + (m.get(r, c - 1) + m.get(r, c + 1))) - 4f * m.get(r, c));
    }

    /**
     * {@link #laplacian}'s double-precision reference, dense row-major, {@link Border#REFLECT_101} past the
     * matrix: exact sums of float inputs with integer weights, so exact in double.
     *
     * @throws IllegalArgumentException when {@code src} is null
     */
    public static double[] reference(FloatMatrix src) {
        return Stencil3Reference.weighted(src, WEIGHTS, 1, "the Laplacian's input image");
    }
}
