package dev.shmt.apps.meanfilter;

import dev.shmt.apps.common.AppChecks;
import org.junit.jupiter.api.Test;

/**
 * The meanfilter app of {@code ./shmt bench}: quality on the CPU, on the NPU and under ws and qaws-ts, the
 * sizes and tiles it refuses, and its lib:opencv row.
 */
class MeanFilterAppTest {
    private final MeanFilterApp app = new MeanFilterApp();

    /**
     * The NPU alone measured error_rate 7.5e-4, RMSE 0.118, SSIM 0.99987: a mean stays within its tile's
     * range, so the int8 step is all the error. Bounds about 25% past that.
     */
    @Test
    void qualityOnEachDeviceAndUnderWsAndQaws() {
        // The CPU is the reference to fp32 rounding: MeanFilterTest bounds it by about 2^-14 per cell.
        AppChecks.qualityOnEachDeviceAndUnderWsAndQaws(app, 1, 1e-4, new AppChecks.NpuBounds(1e-3, 0.15, 0.9998));
    }

    @Test
    void badSizesAndTilesAreRefusedInTheAppsWords() {
        AppChecks.badSizesAndTilesAreRefusedInTheAppsWords(app);
    }

    @Test
    void openCvRowMatchesTheReference() {
        // fp32 sums of at most 9 terms of values below 2^8: error_rate at fp32 rounding.
        AppChecks.openCvRowMatchesTheReference(app, 1e-6);
    }
}
