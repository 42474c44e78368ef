package dev.shmt.apps.dwt;

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

/**
 * One level of the 2-D forward CDF 9/7 wavelet transform (Rodinia's {@code FDWT97}, JPEG 2000's
 * irreversible filter), in its convolution form and interleaved layout: the coefficient at (r, c) is the
 * row filter of column parity c applied along the row, then the column filter of row parity r along the
 * column, a lowpass {@link #LOW} (9 taps) at even positions and a highpass {@link #HIGH} (7 taps, held as
 * 9 with zero ends) at odd ones. So (even, even) cells hold LL, (even, odd) LH... and a tile's output
 * covers the same cells as its input: TILE_2D with the filters' halo of 4. Whole-sample symmetric
 * extension ({@link Border#REFLECT_101}) is the one the 9/7 filters need to be perfectly invertible.
 * Rodinia computes the same coefficients by lifting and de-interleaves them into four quadrants.
 */
public final class Dwt97 {
    /** Cells each side the filters read. */
    public static final int HALO = 4;

    /** The analysis lowpass, taps -4..4 (DC gain 1). */
    static final float[] LOW = {0.026748757f, -0.016864118f, -0.078223266f, 0.26686412f, 0.60294902f,
        0.26686412f, -0.078223266f, -0.016864118f, 0.026748757f};

    /** The analysis highpass, taps -4..4 with zero ends (Nyquist gain 2). */
    static final float[] HIGH = {0f, 0.091271763f, -0.057543526f, -0.59127176f, 1.1150870f, -0.59127176f,
        -0.057543526f, 0.091271763f, 0f};

    private Dwt97() {}

    /** The filter at absolute position {@code p}: lowpass at even positions, highpass at odd ones. */
    static float[] filter(int p) {
        return (p & 1) == 0 ? LOW : HIGH;
    }

    /**
     * One level of the forward transform of {@code src} into {@code dst}, interleaved. CPU and GPU tiles are
     * bitwise equal to this method called on the whole image ({@link Dwt97Rows}: every cell sums its nine
     * terms per direction in tap order, zero taps included); NPU tiles ({@link Dwt97Npu}) are int8.
     */
    // Emulation costs: 9 multiply-adds along the row and 9 along the column (separable); the NPU: four 9 x 9
    // convolutions in one (324)
    @EmulationCost(kind = DeviceKind.CPU, opsPerCell = 36, bytesPerCell = 8)
    @EmulationCost(kind = DeviceKind.GPU, opsPerCell = 36, bytesPerCell = 8)
    @EmulationCost(kind = DeviceKind.NPU, opsPerCell = 324, bytesPerCell = 2)
    @Vop(partition = Partition.TILE_2D, halo = HALO, border = Border.REFLECT_101)
    @GpuKernel(ptx = "/dev/shmt/apps/dwt/dwt.ptx", function = "fdwt97", launch = GpuKernel.Launch.PER_CELL_AT_ORIGIN)
    @NpuModel(Dwt97Npu.class)
    public static void forward(@In FloatMatrix src, @Out FloatMatrix dst) {
        Dwt97Rows.forward(src, dst);
    }

    /**
     * {@link #forward}'s double-precision reference, dense row-major, {@link Border#REFLECT_101} past the
     * image: the same float taps, every product and sum in double.
     *
     * @throws IllegalArgumentException when {@code src} is null
     */
    public static double[] reference(FloatMatrix src) {
        if (src == null) {
            throw new IllegalArgumentException("src must not be null; expected the image to transform");
        }
        FloatMatrix s = src.withBorder(Border.REFLECT_101);
        int rows = s.rows();
        int cols = s.cols();
        double[] out = new double[rows * cols];
        double[] rowPass = new double[2 * HALO + 1];
        for (int r = 0; r < rows; r++) {
            float[] fr = filter(s.originRow() + r);
            for (int c = 0; c < cols; c++) {
                float[] fc = filter(s.originCol() + c);
                for (int i = -HALO; i <= HALO; i++) {
                    double sum = 0;
                    for (int j = -HALO; j <= HALO; j++) {
                        sum += fc[j + HALO] * (double) s.get(r + i, c + j);
                    }
                    rowPass[i + HALO] = sum;
                }
                double sum = 0;
                for (int i = -HALO; i <= HALO; i++) {
                    sum += fr[i + HALO] * rowPass[i + HALO];
                }
                out[r * cols + c] = sum;
            }
        }
        return out;
    }
}
