package dev.shmt.apps.dct8x8;

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
 * The dct8x8 app of {@code ./shmt bench}: quality on the CPU, on the NPU (int8, tflite-cpu) and under ws
 * and qaws-ts over both, and the sizes and tiles it refuses in its own words.
 */
class Dct8x8AppTest {
    /** 36 HLOPs of one shape (64 blocks each), so the NPU builds one model. */
    private static final int N = 384;
    private static final int TILE = 64;

    /**
     * Bounds of the NPU alone at N, seed 7, 25% past what was measured: error_rate 0.00456, RMSE 0.262
     * (MAPE 6.9%: most AC coefficients of a smooth block are near 0, where an int8 step is a large relative
     * error; the DC, set on the host from the block's exact sum, carries much of |ref|).
     */
    private static final double NPU_ERROR_RATE = 0.0057;
    private static final double NPU_RMSE = 0.33;

    private final Dct8x8App app = new Dct8x8App();

    @BeforeAll
    static void npu() {
        // The measured bounds are tflite-cpu's int8 kernels; an Edge TPU may round otherwise.
        System.setProperty("shmt.npu", "tflite-cpu");
    }

    @AfterAll
    static void clear() {
        System.clearProperty("shmt.npu");
    }

    private static Report run(BenchApp app, BenchApp.Instance instance, String policy) {
        RuntimeBuilder b = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(2))
                .addDevice(NpuDevice.detect(1)).policy(policy);
        app.hint(b, TILE, N);
        try (ShmtRuntime rt = b.build()) {
            List<Report> reports = instance.run(rt);
            assertWithMessage("reports of one %s run", app.name()).that(reports).hasSize(1);
            Report r = reports.get(0);
            assertWithMessage("%s HLOPs under %s", app.name(), policy).that(r.hlops()).hasSize((N / TILE) * (N / TILE));
            return r;
        }
    }

    @Test
    void qualityOnEachDeviceAndUnderWsAndQaws() {
        BenchApp.Instance instance = app.prepare(N, 7);
        run(app, instance, "single:cpu");
        BenchApp.Quality cpu = instance.quality();
        System.out.printf("dct8x8 %dx%d on the cpu alone: %s%n", N, N, cpu);
        // The CPU is the reference to fp32 rounding (Dct8x8Test bounds it by 2.2e-3 per coefficient).
        assertWithMessage("cpu error_rate").that(cpu.errorRate()).isLessThan(1e-6);
        assertWithMessage("cpu RMSE").that(cpu.rmse()).isLessThan(1e-4);
        assertWithMessage("cpu SSIM: none for coefficient images").that(cpu.ssim()).isNull();

        run(app, instance, "single:npu");
        BenchApp.Quality npu = instance.quality();
        System.out.printf("dct8x8 %dx%d on the npu alone: %s%n", N, N, npu);
        assertWithMessage("npu error_rate").that(npu.errorRate()).isIn(Range.open(0.0, NPU_ERROR_RATE));
        assertWithMessage("npu RMSE").that(npu.rmse()).isLessThan(NPU_RMSE);
        assertWithMessage("npu SSIM").that(npu.ssim()).isNull();

        for (String policy : List.of("ws", "qaws-ts")) {
            Report r = run(app, instance, policy);
            BenchApp.Quality q = instance.quality();
            System.out.printf("dct8x8 %dx%d under %s: cpu %d, npu %d HLOPs; %s%n", N, N, policy, r.hlopsOn("cpu"),
                    r.hlopsOn("npu"), q);
            // Each tile is exact (cpu) or as the NPU computes it, so any mix has no more error than all-NPU;
            // a NaN (a tile nobody wrote) fails every comparison.
            assertWithMessage("%s error_rate", policy).that(q.errorRate()).isAtMost(npu.errorRate() + 1e-6);
            assertWithMessage("%s RMSE", policy).that(q.rmse()).isAtMost(npu.rmse() + 1e-3);
        }
    }

    @Test
    void badSizesAndTilesAreRefusedInTheAppsWords() {
        app.checkSize(app.defaultSize());
        app.checkSize(8);
        app.checkSize(Dct8x8App.MAX_DCT_SIZE);
        for (int size : new int[] {-8, 0, 4, 12, 100, 46_337, 46_344}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> app.checkSize(size));
            assertWithMessage("message for %s", size).that(e).hasMessageThat()
                    .startsWith("--size for dct8x8 is the side N of an N x N image of whole 8 x 8 blocks");
            assertWithMessage("message for %s", size).that(e).hasMessageThat().endsWith("got " + size);
        }
        assertThrows(IllegalArgumentException.class, () -> app.prepare(12, 1));
        assertWithMessage("default tile").that(app.defaultTile(16)).isAtMost(16);
        assertWithMessage("default tile").that(app.defaultTile(app.defaultSize()) % 8).isEqualTo(0);
        int hlops = (app.defaultSize() / app.defaultTile(app.defaultSize()));
        assertWithMessage("default HLOPs").that(hlops * hlops).isIn(Range.closed(64, 256));
        app.hint(ShmtRuntime.builder(), 8, 64);
        app.hint(ShmtRuntime.builder(), 64, 64);
        for (int tile : new int[] {0, -8, 4, 12, 72}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> app.hint(ShmtRuntime.builder(), tile, 64));
            assertWithMessage("message for %s", tile).that(e).hasMessageThat()
                    .startsWith("--tile for dct8x8 is the side of a square tile of whole 8 x 8 blocks");
            assertWithMessage("message for %s", tile).that(e).hasMessageThat().endsWith("got " + tile);
        }
        BenchApp.Instance fresh = app.prepare(32, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, fresh::quality);
        assertWithMessage("message").that(e).hasMessageThat().isEqualTo("dct8x8: quality() needs a run() first");
    }
}
