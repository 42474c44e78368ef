package dev.shmt.npu;

import static com.google.common.truth.Truth.assertThat;

import dev.shmt.npu.edgetpu.ProbeSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the NPU device describes itself when the Edge TPU library is missing or a mode is forced. */
class NpuStatusTest {
    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty(NpuMode.PROPERTY);
        System.clearProperty(NpuBackend.LIBRARY_PROPERTY);
        System.clearProperty(ProbeSettings.PROPERTY);
        System.clearProperty(ProbeSettings.TIMEOUT_PROPERTY);
    }

    private NpuDevice detect(Map<String, String> props) {
        props.forEach(System::setProperty);
        return NpuDevice.detect(2);
    }

    @Test
    void absentLibraryFallsBackToTfliteCpuAndSaysSo() {
        String missing = dir.resolve("libedgetpu.so.1").toString();
        try (NpuDevice npu = detect(Map.of(NpuBackend.LIBRARY_PROPERTY, missing))) {
            assertThat(npu.status().isAvailable()).isTrue();
            assertThat(npu.onEdgeTpu()).isFalse();
            assertThat(npu.statusLine()).isEqualTo("npu (tflite-cpu): no " + missing);
            assertThat(npu.detail()).startsWith("tflite-cpu: no " + missing + "; TensorFlow Lite 2.");
            assertThat(npu.threads()).isEqualTo(2);
        }
    }

    @Test
    void defaultLibraryNameInTheStatusWhenNoneIsInstalled() {
        // This machine has no Edge TPU runtime: the default lookup must say exactly that.
        try (NpuDevice npu = detect(Map.of())) {
            if (!npu.onEdgeTpu()) {
                assertThat(npu.statusLine()).isEqualTo("npu (tflite-cpu): no libedgetpu.so.1");
            }
        }
    }

    @Test
    void forcedTfliteCpuNeverTriesTheTpu() {
        try (NpuDevice npu = detect(Map.of(NpuMode.PROPERTY, "tflite-cpu"))) {
            assertThat(npu.statusLine())
                    .isEqualTo("npu (tflite-cpu): Edge TPU not tried (-Dshmt.npu=tflite-cpu)");
        }
    }

    @Test
    void forcedEdgeTpuWithoutLibraryIsUnavailableWithTheCause() {
        String missing = dir.resolve("libedgetpu.so.1").toString();
        try (NpuDevice npu = detect(Map.of(NpuMode.PROPERTY, "edgetpu", NpuBackend.LIBRARY_PROPERTY, missing))) {
            assertThat(npu.status().isAvailable()).isFalse();
            assertThat(npu.status().cause())
                    .isEqualTo("-Dshmt.npu=edgetpu asks for the Edge TPU, but: no " + missing);
        }
    }

    @Test
    void unknownModeIsUnavailableNamingTheSetting() {
        try (NpuDevice npu = detect(Map.of(NpuMode.PROPERTY, "tpu"))) {
            assertThat(npu.status().cause()).isEqualTo("-Dshmt.npu=tpu: expected auto, edgetpu or tflite-cpu");
        }
    }

    @Test
    void badThreadCountIsListedAsUnavailable() {
        System.setProperty("shmt.npu.threads", "zero");
        try {
            var devices = new NpuDeviceProvider().devices(new dev.shmt.runtime.spi.DeviceConfig(1));
            assertThat(devices).hasSize(1);
            assertThat(devices.get(0).status().cause()).isEqualTo("-Dshmt.npu.threads=zero: expected a whole number >= 1");
        } finally {
            System.clearProperty("shmt.npu.threads");
        }
    }

    @Test
    void unknownProbeModeIsUnavailableNamingTheSetting() {
        try (NpuDevice npu = detect(Map.of(ProbeSettings.PROPERTY, "maybe"))) {
            assertThat(npu.status().cause()).isEqualTo("-Dshmt.edgetpu.probe=maybe: expected on, off or force");
        }
    }

    @Test
    void badProbeTimeoutIsUnavailableNamingTheSetting() {
        for (String bad : new String[] {"0", "-1", "soon", "601", "NaN"}) {
            try (NpuDevice npu = detect(Map.of(ProbeSettings.TIMEOUT_PROPERTY, bad))) {
                assertThat(npu.status().cause()).isEqualTo("-Dshmt.edgetpu.probe.timeout=" + bad
                        + ": expected seconds, more than 0 and at most 600 (e.g. 10 or 2.5)");
            }
        }
    }

    @Test
    void probeSettingsParseTheirValues() {
        System.setProperty(ProbeSettings.PROPERTY, " Force ");
        System.setProperty(ProbeSettings.TIMEOUT_PROPERTY, "2.5");
        ProbeSettings s = ProbeSettings.configured();
        assertThat(s.mode()).isEqualTo(ProbeSettings.Mode.FORCE);
        assertThat(s.timeout()).isEqualTo(java.time.Duration.ofMillis(2500));
        assertThat(s.origin()).isEqualTo("-Dshmt.edgetpu.probe=Force");
        System.clearProperty(ProbeSettings.PROPERTY);
        System.clearProperty(ProbeSettings.TIMEOUT_PROPERTY);
        if (System.getenv(ProbeSettings.ENV) == null && System.getenv(ProbeSettings.TIMEOUT_ENV) == null) {
            ProbeSettings d = ProbeSettings.configured();
            assertThat(d.mode()).isEqualTo(ProbeSettings.Mode.ON);
            assertThat(d.timeout()).isEqualTo(ProbeSettings.DEFAULT_TIMEOUT);
        }
    }
}
