package dev.shmt.examples;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.GpuKernel;
import dev.shmt.api.In;
import dev.shmt.api.NpuModel;
import dev.shmt.api.Out;
import dev.shmt.api.Partition;
import dev.shmt.api.Vop;

/**
 * Image filters written once for the whole matrix. The annotation processor generates
 * {@code FiltersVops}, which runs each of them tiled on every device of a runtime.
 */
public final class Filters {
    /** Cells each side {@link #blur5} reads. */
    public static final int BLUR5_HALO = 2;

    /** The weights of {@link #sharpen3}, row-major 3 x 3: the NPU model is built from the same array. */
    static final float[] SHARPEN3 = {0f, -0.25f, 0f, -0.25f, 2f, -0.25f, 0f, -0.25f, 0f};

    private Filters() {}

    /**
     * A 3 x 3 sharpen. Besides the CPU it runs on the GPU (bitwise equal: same fp32 operations in the same
     * order) and on the NPU as an int8 convolution ({@link Sharpen3Npu}), so a tiled result with NPU tiles
     * is close to the reference rather than bitwise equal.
     */
    @Vop(partition = Partition.TILE_2D, halo = 1, border = Border.REFLECT_101)
    @GpuKernel(ptx = "/dev/shmt/examples/filters.ptx", function = "sharpen3")
    @NpuModel(Sharpen3Npu.class)
    public static void sharpen3(@In FloatMatrix src, @Out FloatMatrix dst) {
        for (int r = 0; r < dst.rows(); r++) {
            for (int c = 0; c < dst.cols(); c++) {
                float sum = 0f;
                for (int dr = -1; dr <= 1; dr++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        sum += SHARPEN3[(dr + 1) * 3 + dc + 1] * src.get(r + dr, c + dc);
                    }
                }
                dst.set(r, c, sum);
            }
        }
    }

    /** A 5 x 5 box blur; reads up to two cells around each output cell. */
    @Vop(partition = Partition.TILE_2D, halo = BLUR5_HALO, border = Border.REFLECT_101)
    @GpuKernel(ptx = "/dev/shmt/examples/filters.ptx", function = "blur5")
    public static void blur5(@In FloatMatrix src, @Out FloatMatrix dst) {
        for (int r = 0; r < dst.rows(); r++) {
            for (int c = 0; c < dst.cols(); c++) {
                float sum = 0f;
                for (int dr = -BLUR5_HALO; dr <= BLUR5_HALO; dr++) {
                    for (int dc = -BLUR5_HALO; dc <= BLUR5_HALO; dc++) {
                        sum += src.get(r + dr, c + dc);
                    }
                }
                dst.set(r, c, sum * (1f / 25f));
            }
        }
    }
}
