package dev.shmt.npu;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import dev.shmt.api.Report;
import dev.shmt.runtime.ShmtRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
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

    @AfterEach
    void clear() {
        System.clearProperty(NpuBackend.LIBRARY_PROPERTY);
        System.clearProperty(NpuMode.PROPERTY);
    }

    private Path buildStandIn(String name, String... defines) throws Exception {
        Path src = dir.resolve("edgetpu_standin.c");
        try (InputStream in = getClass().getResourceAsStream("/edgetpu-standin/edgetpu_standin.c")) {
            Files.copy(in, src, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path out = Files.createDirectories(dir.resolve(name)).resolve("libedgetpu.so.1");
        List<String> cmd = new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-O2", "-o", out.toString(), src.toString()));
        cmd.addAll(List.of(defines));
        cmd.add("-ldl");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "gcc is needed to build the stand-in libedgetpu.so.1: " + e.getMessage());
            throw e;
        }
        String log = new String(p.getInputStream().readAllBytes());
        assertWithMessage("gcc failed: %s", log).that(p.waitFor()).isEqualTo(0);
        return out;
    }

    private static long counter(Path lib, String name) {
        Function f = NativeLibrary.getInstance(lib.toString()).getFunction("standin_counter");
        return f.invokeLong(new Object[] {name});
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
