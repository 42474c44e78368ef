package dev.shmt.apps.srad;

import dev.shmt.apps.common.AppChecks;
import org.junit.jupiter.api.Test;

/**
 * The srad app of {@code ./shmt bench}: quality on the CPU, on the NPU and under ws and qaws-ts, and the sizes
 * and tiles it refuses.
 */
class SradAppTest {
    private final SradApp app = new SradApp();

    /**
     * The NPU alone after four iterations measured error_rate 0.00232, RMSE 0.0099, SSIM 0.99873: the
     * differences in int8 over a tile's range, the coefficients and update in fp32. Bounds about 25% past
     * that.
     */
    @Test
    void qualityOnEachDeviceAndUnderWsAndQaws() {
        // SradTest bounds four iterations on the CPU by 2^-18 per cell, within the 1e-4.
        AppChecks.qualityOnEachDeviceAndUnderWsAndQaws(app, 2 * SradApp.ITERATIONS, 1e-4,
                new AppChecks.NpuBounds(0.0029, 0.0124, 0.998));
    }

    @Test
    void badSizesAndTilesAreRefusedInTheAppsWords() {
        AppChecks.badSizesAndTilesAreRefusedInTheAppsWords(app);
    }
}
