package dev.shmt.gpu;

import dev.shmt.api.GpuKernel;

/** The grid and block shapes of {@link GpuKernel.Launch}, as the bundled kernels expect them. */
public final class KernelLaunch {
    private KernelLaunch() {}

    /** {gridX, gridY, blockX, blockY} for a {@code rows x cols} HLOP. */
    public static int[] geometry(GpuKernel.Launch launch, int rows, int cols) {
        return switch (launch) {
            case PER_ROW -> new int[] {rows, 1, 256, 1};
            case PER_CELL, PER_CELL_AT_ORIGIN -> {
                int bx = rows == 1 ? 256 : 32;
                int by = rows == 1 ? 1 : 8;
                yield new int[] {(cols + bx - 1) / bx, (rows + by - 1) / by, bx, by};
            }
        };
    }

    public static void launch(CudaDriver driver, long kernel, GpuKernel.Launch launch, int rows, int cols, long stream,
            CudaDriver.KernelArgs params) {
        int[] g = geometry(launch, rows, cols);
        driver.check(driver.cuLaunchKernel(kernel, g[0], g[1], 1, g[2], g[3], 1, 0, stream, params),
                "cuLaunchKernel(" + g[0] + " x " + g[1] + " blocks of " + g[2] + " x " + g[3] + ")");
    }
}
