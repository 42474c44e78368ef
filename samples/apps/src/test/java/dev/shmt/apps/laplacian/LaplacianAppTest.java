package dev.shmt.apps.laplacian;

import dev.shmt.apps.common.AppChecks;
import org.junit.jupiter.api.Test;

/**
 * The laplacian app of {@code ./shmt bench}: quality on the CPU, on the NPU and under ws and qaws-ts, the
 * sizes and tiles it refuses, and its lib:opencv row.
 */
class LaplacianAppTest {
    private final LaplacianApp app = new LaplacianApp();

    /**
     * The NPU alone measured error_rate 0.0855, RMSE 2.07, SSIM 0.9941: its output steps are 8 times the
     * input's int8 step, and flat tiles' values near 0 make MAPE large (245%). Bounds about 25% past that.
     */
    @Test
    void qualityOnEachDeviceAndUnderWsAndQaws() {
        // The CPU is the reference to fp32 rounding: LaplacianTest bounds it by 3 x 2^-15 per cell.
        AppChecks.qualityOnEachDeviceAndUnderWsAndQaws(app, 1, 1e-4, new AppChecks.NpuBounds(0.11, 2.6, 0.99));
    }

    @Test
    void badSizesAndTilesAreRefusedInTheAppsWords() {
        AppChecks.badSizesAndTilesAreRefusedInTheAppsWords(app);
    }

    @Test
    void openCvRowMatchesTheReference() {
        // fp32 sums of at most 5 terms of values below 2^8: error_rate at fp32 rounding.
        AppChecks.openCvRowMatchesTheReference(app, 1e-6);
    }
}
