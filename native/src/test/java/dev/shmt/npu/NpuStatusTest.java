package dev.shmt.npu;

import static com.google.common.truth.Truth.assertThat;

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
}
