package dev.shmt.npu;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.shmt.api.Report;
import dev.shmt.npu.EdgeTpuStandIns.Variant;
import dev.shmt.npu.edgetpu.EdgeTpuProbe;
import dev.shmt.npu.edgetpu.ProbeSettings;
import dev.shmt.npu.train.ModelCache;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.device.CpuDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The NPU device's Edge TPU probe against stand-in libedgetpu.so.1 builds that crash, hang or answer
 * wrongly the way a libedgetpu built for another TFLite does: this JVM lives (the delegate only ever
 * ran in the probe's child), the device names the cause, and a stencil on cpu,npu loses no HLOP.
 */
class EdgeTpuProbeStandInTest {
    /** The stand-in's int8 probe model has 8 x 2 x 16 output bytes; the wrong variant flips every third. */
    private static final int OUTPUT_BYTES = 256;

    @TempDir
    Path dir;

    @BeforeEach
    void settings() {
        System.setProperty(ModelCache.PROPERTY_DIR, dir.resolve("cache").toString());
    }

    @AfterEach
    void clear() {
        for (String p : List.of(NpuBackend.LIBRARY_PROPERTY, NpuMode.PROPERTY, ModelCache.PROPERTY_DIR,
                ProbeSettings.PROPERTY, ProbeSettings.TIMEOUT_PROPERTY)) {
            System.clearProperty(p);
        }
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of(Variant.CRASH_CREATE, "signal 11 (SIGSEGV) while creating the delegate (edgetpu_create_delegate)"),
                Arguments.of(Variant.CRASH_INVOKE, "signal 11 (SIGSEGV) in the first invoke (the delegate's kernel)"),
                Arguments.of(Variant.HANG_INVOKE, "it hung in the first invoke (the delegate's kernel): no answer 2.0 s"
                        + " after loading libedgetpu (the probe process was killed"),
                Arguments.of(Variant.WRONG_BYTES, "wrong bytes " + (OUTPUT_BYTES + 2) / 3 + " of " + OUTPUT_BYTES
                        + " against TensorFlow Lite's CPU kernels (first at byte 0"));
    }

    @ParameterizedTest
    @MethodSource("broken")
    void aBrokenDelegateLeavesTheNpuOnTfliteCpuWithTheCause(Variant variant, String what) throws Exception {
        Path lib = EdgeTpuStandIns.build(dir, variant);
        System.setProperty(NpuBackend.LIBRARY_PROPERTY, lib.toString());
        if (variant == Variant.HANG_INVOKE) {
            System.setProperty(ProbeSettings.TIMEOUT_PROPERTY, "2"); // the others keep the default: no flaky limit
        }
        int children = EdgeTpuProbe.childrenStarted();
        long t0 = System.nanoTime();
        NpuDevice npu = NpuDevice.detect(1);
        double seconds = (System.nanoTime() - t0) / 1e9;

        assertThat(EdgeTpuProbe.childrenStarted()).isEqualTo(children + 1);
        assertThat(npu.status().isAvailable()).isTrue();
        assertThat(npu.onEdgeTpu()).isFalse();
        String line = npu.statusLine();
        assertThat(line).startsWith("npu (tflite-cpu): the Edge TPU delegate of " + lib.toRealPath()
                + " (runtime stand-in 1.0) with TensorFlow Lite 2.");
        assertThat(line).contains("(org.bytedeco:tensorflow-lite 2.");
        assertThat(line).contains(" failed its probe in a separate process: " + what);
        assertThat(line).contains("google-coral/edgetpu#812");
        assertThat(line).contains("feranick/libedgetpu");
        assertThat(line).contains("google-coral/pycoral#7");
        assertThat(line).contains("Verdict cached in " + dir.resolve("cache").resolve("edgetpu-probe"));
        assertThat(npu.edgeTpuProbe()).startsWith("failed: " + what);
        // The delegate never entered this JVM: the stand-in as loaded here made none.
        assertThat(EdgeTpuStandIns.counter(lib, "created")).isEqualTo(0);
        if (variant == Variant.HANG_INVOKE) {
            assertWithMessage("detect() with a 2 s probe timeout took").that(seconds).isLessThan(30.0);
        }
        runsEverythingOnCpuAndNpu(npu, true);
    }

    @Test
    void theWorkingStandInPassesOnceAndLaterStartsReadTheVerdict() throws Exception {
        Path lib = EdgeTpuStandIns.build(dir, Variant.WORKING);
        System.setProperty(NpuBackend.LIBRARY_PROPERTY, lib.toString());
        int children = EdgeTpuProbe.childrenStarted();
        NpuDevice first = NpuDevice.detect(1);
        assertThat(first.statusLine()).isEqualTo("npu (edgetpu usb:0, runtime stand-in 1.0)");
        assertThat(first.edgeTpuProbe()).startsWith("passed: its " + OUTPUT_BYTES
                + " output bytes matched TensorFlow Lite's CPU kernels; verdict cached in ");
        assertThat(EdgeTpuProbe.childrenStarted()).isEqualTo(children + 1);
        try (Stream<Path> files = Files.list(dir.resolve("cache").resolve("edgetpu-probe"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).hasSize(1);
        }
        first.close();

        NpuDevice second = NpuDevice.detect(1);
        assertThat(EdgeTpuProbe.childrenStarted()).isEqualTo(children + 1); // no child this time
        assertThat(second.statusLine()).isEqualTo("npu (edgetpu usb:0, runtime stand-in 1.0)");
        assertThat(second.edgeTpuProbe()).contains("verdict read from the probe cache");
        assertThat(EdgeTpuStandIns.counter(lib, "created")).isEqualTo(0); // nothing ran in this JVM yet
        runsEverythingOnCpuAndNpu(second, false);
        assertThat(EdgeTpuStandIns.counter(lib, "invocations")).isGreaterThan(0); // the TPU took HLOPs
    }

    @Test
    void aCachedFailureIsReportedAsCachedUntilForced() throws Exception {
        Path lib = EdgeTpuStandIns.build(dir, Variant.CRASH_CREATE);
        System.setProperty(NpuBackend.LIBRARY_PROPERTY, lib.toString());
        int children = EdgeTpuProbe.childrenStarted();
        NpuDevice.detect(1).close();
        assertThat(EdgeTpuProbe.childrenStarted()).isEqualTo(children + 1);

        NpuDevice cached = NpuDevice.detect(1);
        assertThat(EdgeTpuProbe.childrenStarted()).isEqualTo(children + 1);
        assertThat(cached.onEdgeTpu()).isFalse();
        assertThat(cached.statusLine()).contains("failed its probe in a separate process: signal 11 (SIGSEGV) while"
                + " creating the delegate");
        assertThat(cached.statusLine()).contains("Verdict read from the probe cache (" + dir.resolve("cache"));
        assertThat(cached.statusLine()).contains("delete that file or set SHMT_EDGETPU_PROBE=force to probe again");
        cached.close();

        System.setProperty(ProbeSettings.PROPERTY, "force");
        NpuDevice forced = NpuDevice.detect(1);
        assertThat(EdgeTpuProbe.childrenStarted()).isEqualTo(children + 2);
        assertThat(forced.statusLine()).contains("Verdict cached in ");
        forced.close();
    }

    @Test
    void aRefusedDelegateIsNotCachedSinceTheDeviceMayBeBusy() throws Exception {
        Path lib = EdgeTpuStandIns.build(dir, Variant.REFUSE);
        System.setProperty(NpuBackend.LIBRARY_PROPERTY, lib.toString());
        int children = EdgeTpuProbe.childrenStarted();
        for (int i = 1; i <= 2; i++) {
            try (NpuDevice npu = NpuDevice.detect(1)) {
                assertThat(EdgeTpuProbe.childrenStarted()).isEqualTo(children + i);
                assertThat(npu.onEdgeTpu()).isFalse();
                assertThat(npu.statusLine()).contains("failed its probe in a separate process: the delegate was refused:"
                        + " edgetpu_create_delegate returned null for usb:0 (/sys/bus/usb/devices/standin)");
                assertThat(npu.statusLine()).endsWith("Not cached: the next start probes again");
            }
        }
    }

    @Test
    void edgeTpuModeWithAFailedProbeIsUnavailableWithTheCause() throws Exception {
        Path lib = EdgeTpuStandIns.build(dir, Variant.CRASH_INVOKE);
        System.setProperty(NpuBackend.LIBRARY_PROPERTY, lib.toString());
        System.setProperty(NpuMode.PROPERTY, "edgetpu");
        NpuDevice npu = NpuDevice.detect(1);
        assertThat(npu.status().isAvailable()).isFalse();
        assertThat(npu.status().cause()).startsWith("-Dshmt.npu=edgetpu asks for the Edge TPU, but: the Edge TPU"
                + " delegate of " + lib.toRealPath() + " (runtime stand-in 1.0) with TensorFlow Lite 2.");
        assertThat(npu.status().cause()).contains("signal 11 (SIGSEGV) in the first invoke");
        StencilFixture f = new StencilFixture(256, 256, 64);
        fillNaN(f);
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(1)).addDevice(npu)
                .policy("even").build()) {
            Report r = rt.execute(f.withCpu());
            assertThat(r.hlopsOn("cpu")).isEqualTo(16);
            assertThat(r.hlopsOn("npu")).isEqualTo(0);
        }
        assertThat(nonFinite(f)).isEqualTo(0);
        assertThat(f.maxError()).isLessThan(1e-5);
    }

    @Test
    void probeOffTrustsTheLibraryAndSaysSo() throws Exception {
        Path lib = EdgeTpuStandIns.build(dir, Variant.WORKING);
        System.setProperty(NpuBackend.LIBRARY_PROPERTY, lib.toString());
        System.setProperty(ProbeSettings.PROPERTY, "off");
        int children = EdgeTpuProbe.childrenStarted();
        NpuDevice npu = NpuDevice.detect(1);
        assertThat(EdgeTpuProbe.childrenStarted()).isEqualTo(children);
        assertThat(npu.onEdgeTpu()).isTrue();
        assertThat(npu.statusLine())
                .isEqualTo("npu (edgetpu usb:0, runtime stand-in 1.0, probe skipped (-Dshmt.edgetpu.probe=off))");
        assertThat(npu.edgeTpuProbe()).isEqualTo("probe skipped (-Dshmt.edgetpu.probe=off)");
        assertThat(Files.exists(dir.resolve("cache").resolve("edgetpu-probe"))).isFalse();
        runsEverythingOnCpuAndNpu(npu, false);
    }

    /** A 256 x 256 stencil in 16 tiles on the CPU device and {@code npu}: every HLOP ran, every cell written. */
    private static void runsEverythingOnCpuAndNpu(NpuDevice npu, boolean npuOnTfliteCpu) {
        StencilFixture f = new StencilFixture(256, 256, 64);
        fillNaN(f);
        Report r;
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(1)).addDevice(npu)
                .policy("even").build()) {
            r = rt.execute(f.withCpu());
        }
        assertThat(r.hlopsOn("cpu") + r.hlopsOn("npu")).isEqualTo(16);
        assertThat(r.hlopsOn("npu")).isGreaterThan(0);
        assertThat(r.toTable()).contains(npuOnTfliteCpu ? "tflite-cpu" : "edgetpu usb:0");
        assertThat(nonFinite(f)).isEqualTo(0);
        assertThat(f.maxError()).isLessThan(0.05); // the int8 tiles' bound, as in EdgeTpuStandInTest
    }

    private static void fillNaN(StencilFixture f) {
        for (int r = 0; r < f.dst.rows(); r++) {
            for (int c = 0; c < f.dst.cols(); c++) {
                f.dst.set(r, c, Float.NaN);
            }
        }
    }

    private static int nonFinite(StencilFixture f) {
        int n = 0;
        for (int r = 0; r < f.dst.rows(); r++) {
            for (int c = 0; c < f.dst.cols(); c++) {
                n += Float.isFinite(f.dst.get(r, c)) ? 0 : 1;
            }
        }
        return n;
    }
}
