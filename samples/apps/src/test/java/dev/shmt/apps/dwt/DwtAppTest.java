package dev.shmt.apps.dwt;

import dev.shmt.apps.common.AppChecks;
import org.junit.jupiter.api.Test;

/**
 * The dwt app of {@code ./shmt bench}: quality on the CPU, on the NPU and under ws and qaws-ts, and the sizes
 * and tiles it refuses.
 */
class DwtAppTest {
    private final DwtApp app = new DwtApp();

    /**
     * The NPU alone measured error_rate 0.104, RMSE 4.85, SSIM 0.9951: the four subbands share one int8
     * output scale, HH's, four times the input's range; MAPE is 1383% as most highpass coefficients are near
     * 0. Bounds about 25% past that.
     */
    @Test
    void qualityOnEachDeviceAndUnderWsAndQaws() {
        AppChecks.qualityOnEachDeviceAndUnderWsAndQaws(app, 1, 1e-4, new AppChecks.NpuBounds(0.13, 6.1, 0.993));
    }

    @Test
    void badSizesAndTilesAreRefusedInTheAppsWords() {
        AppChecks.badSizesAndTilesAreRefusedInTheAppsWords(app);
    }
}
