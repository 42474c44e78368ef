package dev.shmt.npu;

import static com.google.common.truth.Truth.assertThat;

import dev.shmt.api.Energy;
import dev.shmt.api.EnergySettings;
import dev.shmt.api.Report;
import dev.shmt.npu.train.ModelCache;
import dev.shmt.runtime.ShmtRuntime;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real Edge TPU loading code against a stand-in {@code libedgetpu.so.1} built here with gcc
 * (no machine here has a TPU): one listed USB device whose delegate forwards to XNNPACK and counts
 * what TFLite does with it.
 */
class EdgeTpuStandInTest {
    @TempDir
    Path dir;

    @BeforeEach
    void ownProbeCache() {
        // The probe's verdicts go next to the model cache: keep this test's out of the user's.
        System.setProperty(ModelCache.PROPERTY_DIR, dir.resolve("cache").toString());
    }

    @AfterEach
    void clear() {
        System.clearProperty(NpuBackend.LIBRARY_PROPERTY);
        System.clearProperty(NpuMode.PROPERTY);
        System.clearProperty(ModelCache.PROPERTY_DIR);
    }

    private Path buildStandIn(String name, String... defines) throws Exception {
        return EdgeTpuStandIns.build(dir, name, defines);
    }

    private static long counter(Path lib, String name) {
        return EdgeTpuStandIns.counter(lib, name);
    }

    @Test
    void listedDeviceGetsTheDelegateAttachedAndUsed() throws Exception {
        Path lib = buildStandIn("one-device");
        System.setProperty(NpuBackend.LIBRARY_PROPERTY, lib.toString());
        StencilFixture f = new StencilFixture(200, 200, 100); // 4 HLOPs of 100 x 100
        NpuDevice npu = NpuDevice.detect(3);
        assertThat(npu.statusLine()).isEqualTo("npu (edgetpu usb:0, runtime stand-in 1.0)");
        assertThat(npu.onEdgeTpu()).isTrue();
        assertThat(npu.threads()).isEqualTo(1); // one TPU runs one model at a time
        Report report;
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(npu).policy("single:npu").build()) {
            report = rt.execute(f.call);
        }
        assertThat(report.hlopsOn("npu")).isEqualTo(4);
        assertThat(report.toTable()).contains("edgetpu usb:0, runtime stand-in 1.0");
        assertThat(counter(lib, "created")).isEqualTo(1); // one interpreter: one shape, one thread
        assertThat(counter(lib, "prepared")).isAtLeast(1);
        assertThat(counter(lib, "delegated_nodes")).isAtLeast(1); // it took the CONV_2D
        assertThat(counter(lib, "invocations")).isEqualTo(4); // and ran it for every HLOP
        assertThat(counter(lib, "freed")).isEqualTo(1); // released when the runtime closed
        assertThat(f.maxError()).isLessThan(0.05);
    }

    /** No meter covers an Edge TPU: its energy is its datasheet's 2 W over its busy time, labelled modelled. */
    @Test
    void anEdgeTpusEnergyIsModelledFromItsBusyTime() throws Exception {
        Path lib = buildStandIn("one-device");
        System.setProperty(NpuBackend.LIBRARY_PROPERTY, lib.toString());
        StencilFixture f = new StencilFixture(200, 200, 100);
        Report report;
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(NpuDevice.detect(1))
                .policy("single:npu").energy(EnergySettings.ON).build()) {
            report = rt.execute(f.call);
        }
        Energy.Reading r = report.energy().reading("model:edgetpu");
        assertThat(r.device()).isEqualTo("npu");
        assertThat(r.method()).isEqualTo("modelled: Edge TPU datasheet, 2 W (0.5 W per TOPS at 4 TOPS) while it runs HLOPs");
        // Timed inside the worker's own timing of each HLOP: at most 2 W over the report's busy time.
        double busy = report.devices().get(0).busyNanos() / 1e9;
        assertThat(r.joules()).isAtMost(2.0 * busy);
        assertThat(r.joules()).isAtLeast(0.5 * 2.0 * busy);
        assertThat(report.energy().totalFrom()).contains("model:edgetpu"); // the module's rails do not cover it
    }

    @Test
    void libraryWithoutDevicesFallsBackToTfliteCpu() throws Exception {
        Path lib = buildStandIn("no-device", "-DSTANDIN_NO_DEVICE");
        System.setProperty(NpuBackend.LIBRARY_PROPERTY, lib.toString());
        try (NpuDevice npu = NpuDevice.detect(1)) {
            assertThat(npu.statusLine())
                    .isEqualTo("npu (tflite-cpu): no Edge TPU listed by " + lib + " (runtime stand-in 1.0)");
            assertThat(npu.status().isAvailable()).isTrue();
        }
        System.setProperty(NpuMode.PROPERTY, "edgetpu");
        try (NpuDevice npu = NpuDevice.detect(1)) {
            assertThat(npu.status().cause()).contains("asks for the Edge TPU, but: no Edge TPU listed by " + lib);
        }
    }
}
