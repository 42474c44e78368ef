package dev.shmt.apps.fft;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.Report;
import dev.shmt.apps.BenchApp;
import dev.shmt.npu.NpuDevice;
import dev.shmt.runtime.RuntimeBuilder;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.device.CpuDevice;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fft benchmark as {@code ./shmt bench} drives it: sizes, hints, prepare, run and quality. */
class FftAppTest {
    private final FftApp app = new FftApp();

    @AfterEach
    void clear() {
        System.clearProperty("shmt.npu");
    }

    @Test
    void cpuAndNpuUnderWorkStealing() {
        System.setProperty("shmt.npu", "tflite-cpu");
        int n = 128;
        BenchApp.Instance instance = app.prepare(n, 42);
        RuntimeBuilder b = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(2))
                .addDevice(NpuDevice.detect(1)).policy("ws");
        app.hint(b, 8, n);
        try (ShmtRuntime rt = b.build()) {
            for (int run = 0; run < 2; run++) { // runs overwrite the same output
                List<Report> reports = instance.run(rt);
                assertWithMessage("reports: one per pass").that(reports).hasSize(2);
                for (Report r : reports) {
                }
                // 8 rows each: pass 1 over all 128 rows, pass 2 over the 64 a Hermitian spectrum needs.
                assertWithMessage("pass 1 HLOPs").that(reports.get(0).hlopsOn("cpu") + reports.get(0).hlopsOn("npu"))
                        .isEqualTo(16);
                assertWithMessage("pass 2 HLOPs").that(reports.get(1).hlopsOn("cpu") + reports.get(1).hlopsOn("npu"))
                        .isEqualTo(8);
                BenchApp.Quality q = instance.quality();
                // Between the CPU's fp32 (about 1e-6) and the NPU alone (about 0.05 at this size).
                assertWithMessage("error_rate").that(q.errorRate()).isAtMost(0.07);
                assertWithMessage("MAPE").that(q.mapePercent()).isGreaterThan(0.0);
                assertWithMessage("RMSE").that(q.rmse()).isGreaterThan(0.0);
                assertWithMessage("SSIM").that(q.ssim()).isNull();
            }
        }
    }

    @Test
    void cpuAloneIsFp32Accurate() {
        int n = 64;
        BenchApp.Instance instance = app.prepare(n, 7);
        RuntimeBuilder b = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(2))
                .policy("single:cpu");
        app.hint(b, n / 2, n); // the most the second pass (n / 2 rows) takes
        try (ShmtRuntime rt = b.build()) {
            instance.run(rt);
        }
        BenchApp.Quality q = instance.quality();
        // fp32: two passes of fft.cu's normwise bound 9 log2(n) u, here on the mean error, which spreads
        // evenly over the bins (measured 1e-6 at n = 1024), and the reference's rounding to float.
        assertWithMessage("error_rate").that(q.errorRate()).isAtMost(2 * 9 * 6 * 0x1p-24 + 0x1p-24);
        assertWithMessage("error_rate (an output that is the reference itself is suspect)")
                .that(q.errorRate()).isGreaterThan(0.0);
    }

    @Test
    void sizesAndTilesAreChecked() {
        assertWithMessage("name").that(app.name()).isEqualTo("fft");
        app.checkSize(app.defaultSize());
        app.checkSize(2);
        app.checkSize(FftApp.MAX_SIZE);
        for (int bad : new int[] {1, 0, -4, 1000, 2 * FftApp.MAX_SIZE}) {
            assertWithMessage("size %s", bad)
                    .that(assertThrows(IllegalArgumentException.class, () -> app.checkSize(bad)))
                    .hasMessageThat().isEqualTo("fft: size must be a power of two from 2 to 2048 (N of an N x N"
                            + " image; the NPU's DFT matrix has 4 N^2 weights), got " + bad);
        }
        assertWithMessage("prepare checks the size too")
                .that(assertThrows(IllegalArgumentException.class, () -> app.prepare(96, 1)))
                .hasMessageThat().startsWith("fft: size must be a power of two");
        RuntimeBuilder b = ShmtRuntime.builder();
        for (int bad : new int[] {0, 65, 128}) {
            assertWithMessage("tile %s", bad)
                    .that(assertThrows(IllegalArgumentException.class, () -> app.hint(b, bad, 128)))
                    .hasMessageThat().isEqualTo("fft: tile is rows per HLOP, from 1 to 64 (the second pass transforms"
                            + " half the image's 128 rows), got " + bad);
        }
        app.hint(b, 64, 128);
        for (int size : new int[] {2, 8, 64, app.defaultSize()}) {
            app.hint(ShmtRuntime.builder(), app.defaultTile(size), size); // the default is accepted at every size
            assertWithMessage("default tile fits pass 2 of size %s", size).that(app.defaultTile(size))
                    .isAtMost(Math.max(1, size / 2));
        }
    }
}
