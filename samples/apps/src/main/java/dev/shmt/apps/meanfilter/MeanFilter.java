package dev.shmt.apps.meanfilter;

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
 * The mean filter benchmark VOP, written once for the whole matrix. The annotation processor generates
 * {@code MeanFilterVops}, which runs it tiled on every device of a runtime.
 */
public final class MeanFilter {
    /** The 3 x 3 mean's weights, row-major: its NPU model's. */
    static final float[] WEIGHTS = {1f / 9, 1f / 9, 1f / 9, 1f / 9, 1f / 9, 1f / 9, 1f / 9, 1f / 9, 1f / 9};

    private MeanFilter() {}

    /**
     * The 3 x 3 mean (box) filter, OpenCV's {@code blur} with a 3 x 3 kernel. CPU and GPU tiles are
     * bitwise equal to this method called on the whole image ({@link Stencil3Interior}); NPU tiles
     * ({@link Mean3Npu}) are int8.
     */
    // Emulation costs: 8 additions and a multiplication per cell; the NPU: one 3 x 3 convolution (18)
    @EmulationCost(kind = DeviceKind.CPU, opsPerCell = 9, bytesPerCell = 8)
    @EmulationCost(kind = DeviceKind.GPU, opsPerCell = 9, bytesPerCell = 8)
    @EmulationCost(kind = DeviceKind.NPU, opsPerCell = 18, bytesPerCell = 2)
    @Vop(partition = Partition.TILE_2D, halo = 1, border = Border.REFLECT_101)
    @GpuKernel(ptx = "/dev/shmt/apps/meanfilter/meanfilter.ptx", function = "mean3")
    @NpuModel(Mean3Npu.class)
    public static void mean3(@In FloatMatrix src, @Out FloatMatrix dst) {
        int[] in = Interior.of(src, dst.rows(), dst.cols());
        Stencil3Interior.mean(src.array(), src.offset(), src.stride(), dst.array(), dst.offset(), dst.stride(),
                in[0], in[1], in[2], in[3]);
        Interior.rim(src, dst, in, (m, r, c) -> (((m.get(r - 1, c - 1) + m.get(r - 1, c)) + m.get(r - 1, c + 1))
                + ((m.get(r, c - 1) + m.get(r, c)) + m.get(r, c + 1))
                + ((m.get(r + 1, c - 1) + m.get(r + 1, c)) + m.get(r + 1, c + 1))) * (1f / 9f));
    }

    /**
     * {@link #mean3}'s double-precision reference: the exact sum of the nine float inputs in double, divided
     * by 9 once.
     *
     * @throws IllegalArgumentException when {@code src} is null
     */
    public static double[] reference(FloatMatrix src) {
        return Stencil3Reference.weighted(src, new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, 9,
                "the mean filter's input image");
    }
}
