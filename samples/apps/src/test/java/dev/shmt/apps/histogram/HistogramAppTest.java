package dev.shmt.apps.histogram;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.Report;
import dev.shmt.apps.BenchApp;
import dev.shmt.apps.common.AppChecks;
import dev.shmt.npu.NpuDevice;
import dev.shmt.runtime.RuntimeBuilder;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.device.CpuDevice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The histogram app of {@code ./shmt bench}: exact on the CPU and under ws with the NPU present (which
 * declines the VOP, with its reason), a cleared output shows, the sizes and tiles it refuses in its words,
 * and its lib:opencv row.
 */
class HistogramAppTest {
    private final HistogramApp app = new HistogramApp();

    @BeforeAll
    static void npu() {
        System.setProperty("shmt.npu", "tflite-cpu");
    }

    @AfterAll
    static void clear() {
        System.clearProperty("shmt.npu");
    }

    private Report run(BenchApp.Instance instance, String policy, int tile, int size) {
        RuntimeBuilder b = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(2))
                .addDevice(NpuDevice.detect(1)).policy(policy);
        app.hint(b, tile, size);
        try (ShmtRuntime rt = b.build()) {
            return instance.run(rt).get(0);
        }
    }

    @Test
    void exactOnTheCpuAndUnderWsWithTheNpuDeclining() {
        int size = 333; // 110889 pixels: a ragged last chunk
        BenchApp.Instance instance = app.prepare(size, 7);
        for (String policy : new String[] {"single:cpu", "ws", "qaws-ts"}) {
            instance.clearOutput();
            Report r = run(instance, policy, 8192, size);
            assertWithMessage("HLOPs under %s", policy).that(r.hlops()).hasSize((size * size + 8191) / 8192);
            assertWithMessage("npu HLOPs under %s", policy).that(r.hlopsOn("npu")).isEqualTo(0);
            BenchApp.Quality q = instance.quality();
            assertWithMessage("%s quality", policy).that(q).isEqualTo(new BenchApp.Quality(0, 0, null, 0, 0));
            if (!policy.startsWith("single")) {
                assertWithMessage("why the npu took no part under %s", policy).that(r.unavailable().toString())
                        .contains(HistogramNpu.REASON);
            }
        }
        instance.clearOutput();
        assertWithMessage("error_rate after clearOutput").that(instance.quality().errorRate()).isNaN();
    }

    @Test
    void badSizesAndTilesAreRefusedInTheAppsWords() {
        app.checkSize(app.defaultSize());
        app.checkSize(1);
        for (int size : new int[] {-1, 0, 46_341}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> app.checkSize(size));
            assertWithMessage("message for %s", size).that(e).hasMessageThat()
                    .startsWith("--size for histogram is the side N of an N x N image");
            assertWithMessage("message for %s", size).that(e).hasMessageThat().endsWith("got " + size);
        }
        assertThrows(IllegalArgumentException.class, () -> app.prepare(0, 1));
        assertThat(app.defaultTile(4096)).isEqualTo(65_536);
        assertThat(app.defaultTile(30)).isEqualTo(1024); // 900 pixels: one whole page
        app.hint(ShmtRuntime.builder(), app.defaultTile(30), 30);
        for (int tile : new int[] {0, -1024, 1000, 1025}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> app.hint(ShmtRuntime.builder(), tile, 64));
            assertWithMessage("message for %s", tile).that(e).hasMessageThat()
                    .startsWith("--tile for histogram is pixels per HLOP, a positive multiple of 1024");
            assertWithMessage("message for %s", tile).that(e).hasMessageThat().endsWith("got " + tile);
        }
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> app.hint(ShmtRuntime.builder(), 5120, 64));
        assertThat(big).hasMessageThat().isEqualTo("--tile 5120 for histogram is more than the 64 x 64 image's pixels"
                + " (4096 in whole pages); use at most 4096");
        BenchApp.Instance fresh = app.prepare(32, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, fresh::quality);
        assertThat(e).hasMessageThat().isEqualTo("histogram: quality() needs a run() first");
    }

    @Test
    void openCvRowMatchesTheReference() {
        // Bin counts of at most 2^16 pixels are exact in fp32.
        AppChecks.openCvRowMatchesTheReference(app, 0.0);
    }
}
