package dev.shmt.apps.sobel;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.Range;
import dev.shmt.api.Report;
import dev.shmt.apps.BenchApp;
import dev.shmt.npu.NpuDevice;
import dev.shmt.runtime.RuntimeBuilder;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.device.CpuDevice;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sobel app of {@code ./shmt bench}: its quality on the CPU, on the NPU (int8, tflite-cpu) and under
 * ws and qaws-ts over both, and the sizes and tiles it refuses.
 */
class SobelAppTest {
    /** 36 HLOPs of one shape, so the NPU builds one model. */
    private static final int N = 384;
    private static final int TILE = 64;

    private static final SobelApp APP = new SobelApp();
    private static BenchApp.Instance instance;
    private static BenchApp.Quality npuAlone;

    @BeforeAll
    static void prepare() {
        // The measured bounds below are tflite-cpu's int8 kernels; an Edge TPU may round otherwise.
        System.setProperty("shmt.npu", "tflite-cpu");
        instance = APP.prepare(N, 7);
        run("single:npu");
        npuAlone = instance.quality();
    }

    @AfterAll
    static void clear() {
        System.clearProperty("shmt.npu");
    }

    /** One run of the app under {@code policy} over a cpu and an npu device; its one report. */
    private static Report run(String policy) {
        RuntimeBuilder b = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(2))
                .addDevice(NpuDevice.detect(1)).policy(policy);
        APP.hint(b, TILE, N);
        try (ShmtRuntime rt = b.build()) {
            List<Report> reports = instance.run(rt);
            assertWithMessage("reports of one sobel run").that(reports).hasSize(1);
            Report r = reports.get(0);
            assertWithMessage("HLOPs under %s", policy).that(r.hlops()).hasSize((N / TILE) * (N / TILE));
            return r;
        }
    }

    @Test
    void cpuAloneIsTheReferenceToFp32Rounding() {
        run("single:cpu");
        BenchApp.Quality q = instance.quality();
        assertWithMessage("error_rate").that(q.errorRate()).isLessThan(1e-6);
        // Measured 6.5e-4 %: fp32's absolute error over the small magnitudes of flat tiles.
        assertWithMessage("MAPE %").that(q.mapePercent()).isLessThan(2e-3);
        assertWithMessage("RMSE").that(q.rmse()).isLessThan(1e-3);
        assertWithMessage("SSIM").that(q.ssim()).isWithin(1e-9).of(1.0);
    }

    @Test
    void npuAloneStaysWithinItsMeasuredError() {
        // Measured at this size and seed: error_rate 0.0397, RMSE 3.01, SSIM 0.9977, MAPE 50.6% (large: flat
        // tiles hold gradients of a few units, below the int8 step of 4 in Gx and Gy). Bounds leave ~25%.
        System.out.printf("sobel %dx%d on the npu alone: %s%n", N, N, npuAlone);
        assertWithMessage("error_rate").that(npuAlone.errorRate()).isIn(Range.open(0.0, 0.05));
        assertWithMessage("RMSE").that(npuAlone.rmse()).isLessThan(3.8);
        assertWithMessage("SSIM").that(npuAlone.ssim()).isGreaterThan(0.995);
        assertWithMessage("MAPE %").that(npuAlone.mapePercent()).isLessThan(63.0);
    }

    @Test
    void wsAndQawsTsLeaveNoMoreErrorThanTheNpuAlone() {
        for (String policy : List.of("ws", "qaws-ts")) {
            Report r = run(policy);
            BenchApp.Quality q = instance.quality();
            System.out.printf("sobel %dx%d under %s: cpu %d, npu %d HLOPs; %s%n", N, N, policy, r.hlopsOn("cpu"),
                    r.hlopsOn("npu"), q);
            // Each tile is exact (cpu) or as the NPU computes it, so any mix sums to no more error than all-NPU;
            // a NaN (a tile nobody wrote) fails every comparison.
            assertWithMessage("%s error_rate", policy).that(q.errorRate()).isAtMost(npuAlone.errorRate() + 1e-6);
            assertWithMessage("%s RMSE", policy).that(q.rmse()).isAtMost(npuAlone.rmse() + 1e-3);
            assertWithMessage("%s SSIM", policy).that(q.ssim()).isAtLeast(npuAlone.ssim() - 1e-6);
            if (policy.equals("qaws-ts")) {
                // Top-K: critical tiles go to the precise device and are never stolen by a less precise one.
                assertWithMessage("critical tiles").that(r.criticalHlops()).isGreaterThan(0);
                for (Report.HlopRecord h : r.hlops()) {
                    if (h.critical()) {
                        assertWithMessage("device of critical HLOP %s", h.index()).that(h.device()).isEqualTo("cpu");
                    }
                }
            }
        }
    }

    @Test
    void qualityNeedsARun() {
        BenchApp.Instance fresh = APP.prepare(32, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, fresh::quality);
        assertWithMessage("message").that(e).hasMessageThat().contains("run()");
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> fresh.run(null));
        assertWithMessage("message").that(n).hasMessageThat().contains("rt");
    }

    @Test
    void badSizesAreRefusedNamingSize() {
        APP.checkSize(APP.defaultSize());
        APP.checkSize(11);
        for (int size : new int[] {-1, 0, 10, 46_341}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> APP.checkSize(size));
            assertWithMessage("message for %s", size).that(e).hasMessageThat().contains("--size");
            assertWithMessage("message for %s", size).that(e).hasMessageThat().contains("got " + size);
            assertWithMessage("one line").that(e.getMessage()).doesNotContain("\n");
        }
        assertThrows(IllegalArgumentException.class, () -> APP.prepare(10, 1));
    }

    @Test
    void badTilesAreRefusedNamingTile() {
        assertWithMessage("default tile fits the default size").that(APP.defaultTile(APP.defaultSize())).isAtMost(APP.defaultSize());
        assertWithMessage("default tile fits a small size").that(APP.defaultTile(16)).isAtMost(16);
        APP.hint(ShmtRuntime.builder(), 64, 64);
        APP.hint(ShmtRuntime.builder(), 1, 64);
        for (int tile : new int[] {0, -3, 65}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> APP.hint(ShmtRuntime.builder(), tile, 64));
            assertWithMessage("message for %s", tile).that(e).hasMessageThat().contains("--tile");
            assertWithMessage("message for %s", tile).that(e).hasMessageThat().contains("got " + tile);
            assertWithMessage("one line").that(e.getMessage()).doesNotContain("\n");
        }
        assertThrows(IllegalArgumentException.class, () -> APP.hint(null, 64, 64));
    }
}
