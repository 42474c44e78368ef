package dev.shmt.apps;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.Report;
import dev.shmt.npu.NpuDevice;
import dev.shmt.runtime.RuntimeBuilder;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.device.CpuDevice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The laplacian, meanfilter and hotspot apps of {@code ./shmt bench}: quality on the CPU, on the NPU (int8,
 * tflite-cpu) and under ws and qaws-ts over both, and the sizes and tiles each refuses in its own words.
 */
class GridAppsTest {
    /** 36 HLOPs of one shape, so the NPU builds one model. */
    private static final int N = 384;
    private static final int TILE = 64;

    /**
     * Bounds of the NPU alone at N, seed 7 (error_rate, RMSE, SSIM), about 25% past what was measured:
     * laplacian 0.0855, 2.07, 0.9941 (its output steps are 8 times the input's int8 step, and flat tiles'
     * values near 0 make MAPE large: 245%); meanfilter 7.5e-4, 0.118, 0.99987 (a mean stays within its
     * tile's range, so the int8 step is all the error); hotspot after its ten steps 2.4e-4, 0.126, 0.99917
     * (each step's stencil in int8 over a tile's span of degrees, the power added in fp32); dwt 0.104, 4.85,
     * 0.9951 (the four subbands share one int8 output scale, HH's, four times the input's range; MAPE is
     * 1383% as most highpass coefficients are near 0); srad after four iterations 0.00232, 0.0099, 0.99873
     * (the differences in int8 over a tile's range, the coefficients and update in fp32).
     */
    private static final Map<String, double[]> NPU_BOUNDS = Map.of(
            "laplacian", new double[] {0.11, 2.6, 0.99},
            "meanfilter", new double[] {1e-3, 0.15, 0.9998},
            "hotspot", new double[] {3e-4, 0.16, 0.999},
            "dwt", new double[] {0.13, 6.1, 0.993},
            "srad", new double[] {0.0029, 0.0124, 0.998});

    private static final Map<String, GridApp> APPS = Map.of(
            "laplacian", new LaplacianApp(), "meanfilter", new MeanFilterApp(), "hotspot", new HotspotApp(),
            "dwt", new DwtApp(), "srad", new SradApp());

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
            int calls = app instanceof HotspotApp ? HotspotApp.STEPS : app instanceof SradApp ? 2 * SradApp.ITERATIONS : 1;
            assertWithMessage("reports of one %s run", app.name()).that(reports).hasSize(calls);
            for (Report r : reports) {
                assertWithMessage("%s HLOPs under %s", app.name(), policy).that(r.hlops())
                        .hasSize((N / TILE) * (N / TILE));
            }
            return reports.get(reports.size() - 1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"laplacian", "meanfilter", "hotspot", "dwt", "srad"})
    void qualityOnEachDeviceAndUnderWsAndQaws(String name) {
        GridApp app = APPS.get(name);
        BenchApp.Instance instance = app.prepare(N, 7);
        run(app, instance, "single:cpu");
        BenchApp.Quality cpu = instance.quality();
        System.out.printf("%s %dx%d on the cpu alone: %s%n", name, N, N, cpu);
        // The CPU is the reference to fp32 rounding: Stencil3Test bounds a filter by 1e-4 per cell,
        // HotspotTest ten steps by 5e-4.
        assertWithMessage("%s cpu error_rate", name).that(cpu.errorRate()).isLessThan(1e-6);
        assertWithMessage("%s cpu RMSE", name).that(cpu.rmse()).isLessThan(app instanceof HotspotApp ? 5e-4 : 1e-4);
        // (SradTest bounds four SRAD iterations by 2^-18 per cell, within the 1e-4.)
        assertWithMessage("%s cpu SSIM", name).that(cpu.ssim()).isWithin(1e-9).of(1.0);

        run(app, instance, "single:npu");
        BenchApp.Quality npu = instance.quality();
        System.out.printf("%s %dx%d on the npu alone: %s%n", name, N, N, npu);
        double[] bound = NPU_BOUNDS.get(name);
        assertWithMessage("%s npu error_rate", name).that(npu.errorRate()).isIn(com.google.common.collect.Range.open(0.0, bound[0]));
        assertWithMessage("%s npu RMSE", name).that(npu.rmse()).isLessThan(bound[1]);
        assertWithMessage("%s npu SSIM", name).that(npu.ssim()).isGreaterThan(bound[2]);

        for (String policy : List.of("ws", "qaws-ts")) {
            Report r = run(app, instance, policy);
            BenchApp.Quality q = instance.quality();
            System.out.printf("%s %dx%d under %s: cpu %d, npu %d HLOPs; %s%n", name, N, N, policy, r.hlopsOn("cpu"),
                    r.hlopsOn("npu"), q);
            // Each tile is exact (cpu) or as the NPU computes it, so any mix has no more error than all-NPU;
            // a NaN (a tile nobody wrote) fails every comparison.
            assertWithMessage("%s %s error_rate", name, policy).that(q.errorRate()).isAtMost(npu.errorRate() + 1e-6);
            assertWithMessage("%s %s RMSE", name, policy).that(q.rmse()).isAtMost(npu.rmse() + 1e-3);
            assertWithMessage("%s %s SSIM", name, policy).that(q.ssim()).isAtLeast(npu.ssim() - 1e-6);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"laplacian", "meanfilter", "hotspot", "dwt", "srad"})
    void badSizesAndTilesAreRefusedInTheAppsWords(String name) {
        GridApp app = APPS.get(name);
        app.checkSize(app.defaultSize());
        app.checkSize(11);
        for (int size : new int[] {-1, 0, 10, 46_341}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> app.checkSize(size));
            assertWithMessage("message for %s", size).that(e).hasMessageThat()
                    .startsWith("--size for " + name + " is the side N of an N x N " + app.gridName());
            assertWithMessage("message for %s", size).that(e).hasMessageThat().endsWith("got " + size);
        }
        assertThrows(IllegalArgumentException.class, () -> app.prepare(10, 1));
        assertWithMessage("default tile").that(app.defaultTile(16)).isAtMost(16);
        for (int tile : new int[] {0, -3, 65}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> app.hint(ShmtRuntime.builder(), tile, 64));
            assertWithMessage("message for %s", tile).that(e).hasMessageThat()
                    .startsWith("--tile for " + name + " is the side of a square tile");
            assertWithMessage("message for %s", tile).that(e).hasMessageThat().endsWith("got " + tile);
        }
        BenchApp.Instance fresh = app.prepare(32, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, fresh::quality);
        assertWithMessage("message").that(e).hasMessageThat().isEqualTo(name + ": quality() needs a run() first");
    }
}
