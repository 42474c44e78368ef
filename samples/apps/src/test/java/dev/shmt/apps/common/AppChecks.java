package dev.shmt.apps.common;

import static com.google.common.truth.Truth.assertThat;
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

/**
 * What every app of {@code ./shmt bench} of its kind must do, for its own test to call with its own bounds:
 * a grid app's quality on the CPU, on the NPU (int8, tflite-cpu) and under ws and qaws-ts over both, and the
 * sizes and tiles it refuses in its own words; a library row's result against the app's reference.
 */
public final class AppChecks {
    /** 36 HLOPs of one shape, so the NPU builds one model. */
    private static final int N = 384;
    private static final int TILE = 64;

    private AppChecks() {}

    /** Upper bounds of error_rate and RMSE and a lower bound of SSIM of the NPU alone on a grid app at N, seed 7. */
    public record NpuBounds(double errorRate, double rmse, double ssim) {}

    private static Report run(GridApp app, BenchApp.Instance instance, String policy, int calls) {
        RuntimeBuilder b = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(2))
                .addDevice(NpuDevice.detect(1)).policy(policy);
        app.hint(b, TILE, N);
        try (ShmtRuntime rt = b.build()) {
            List<Report> reports = instance.run(rt);
            assertWithMessage("reports of one %s run", app.name()).that(reports).hasSize(calls);
            for (Report r : reports) {
                assertWithMessage("%s HLOPs under %s", app.name(), policy).that(r.hlops())
                        .hasSize((N / TILE) * (N / TILE));
            }
            return reports.get(reports.size() - 1);
        }
    }

    /**
     * {@code app} at N: within {@code cpuRmse} of its reference on the CPU alone (error_rate below 1e-6, SSIM
     * 1), within {@code npu} on the NPU alone, and under ws and qaws-ts no worse than the NPU alone.
     *
     * @param calls the VOP calls of one run, each with a report
     */
    public static void qualityOnEachDeviceAndUnderWsAndQaws(GridApp app, int calls, double cpuRmse, NpuBounds npu) {
        String name = app.name();
        // The measured bounds are tflite-cpu's int8 kernels; an Edge TPU may round otherwise.
        System.setProperty("shmt.npu", "tflite-cpu");
        try {
            BenchApp.Instance instance = app.prepare(N, 7);
            run(app, instance, "single:cpu", calls);
            BenchApp.Quality cpu = instance.quality();
            System.out.printf("%s %dx%d on the cpu alone: %s%n", name, N, N, cpu);
            assertWithMessage("%s cpu error_rate", name).that(cpu.errorRate()).isLessThan(1e-6);
            assertWithMessage("%s cpu RMSE", name).that(cpu.rmse()).isLessThan(cpuRmse);
            assertWithMessage("%s cpu SSIM", name).that(cpu.ssim()).isWithin(1e-9).of(1.0);

            run(app, instance, "single:npu", calls);
            BenchApp.Quality alone = instance.quality();
            System.out.printf("%s %dx%d on the npu alone: %s%n", name, N, N, alone);
            assertWithMessage("%s npu error_rate", name).that(alone.errorRate())
                    .isIn(Range.open(0.0, npu.errorRate()));
            assertWithMessage("%s npu RMSE", name).that(alone.rmse()).isLessThan(npu.rmse());
            assertWithMessage("%s npu SSIM", name).that(alone.ssim()).isGreaterThan(npu.ssim());

            for (String policy : List.of("ws", "qaws-ts")) {
                Report r = run(app, instance, policy, calls);
                BenchApp.Quality q = instance.quality();
                System.out.printf("%s %dx%d under %s: cpu %d, npu %d HLOPs; %s%n", name, N, N, policy,
                        r.hlopsOn("cpu"), r.hlopsOn("npu"), q);
                // Each tile is exact (cpu) or as the NPU computes it, so any mix has no more error than
                // all-NPU; a NaN (a tile nobody wrote) fails every comparison.
                assertWithMessage("%s %s error_rate", name, policy).that(q.errorRate())
                        .isAtMost(alone.errorRate() + 1e-6);
                assertWithMessage("%s %s RMSE", name, policy).that(q.rmse()).isAtMost(alone.rmse() + 1e-3);
                assertWithMessage("%s %s SSIM", name, policy).that(q.ssim()).isAtLeast(alone.ssim() - 1e-6);
            }
        } finally {
            System.clearProperty("shmt.npu");
        }
    }

    /** {@code app} refuses sizes and tiles outside its grid, and a quality before a run, in its own words. */
    public static void badSizesAndTilesAreRefusedInTheAppsWords(GridApp app) {
        String name = app.name();
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

    /**
     * {@code app}'s lib:opencv row, with OpenCV on the class path (the tests have it; the shaded jar does
     * not), computes the app's result: error_rate against the same reference as our kernels at most
     * {@code errorRate}.
     */
    public static void openCvRowMatchesTheReference(BenchApp app, double errorRate) {
        BenchApp.Library lib = app.prepare(256, 5).library();
        assertThat(lib.name()).isEqualTo("lib:opencv");
        assertThat(lib.unavailable()).isNull();
        lib.run();
        assertWithMessage("%s lib:opencv error_rate", app.name()).that(lib.quality().errorRate()).isAtMost(errorRate);
    }
}
