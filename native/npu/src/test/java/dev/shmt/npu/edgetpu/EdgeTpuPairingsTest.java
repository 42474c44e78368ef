package dev.shmt.npu.edgetpu;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** The libedgetpu advice for each TFLite release the JavaCPP presets ship. */
class EdgeTpuPairingsTest {
    @Test
    void eachTfliteReleaseGetsItsRuntime() {
        assertThat(EdgeTpuPairings.forTflite("2.5.0")).isEqualTo("For TensorFlow Lite 2.5.0: the official Coral runtime.");
        assertThat(EdgeTpuPairings.forTflite("2.11.1"))
                .isEqualTo("For TensorFlow Lite 2.11.1: the official Coral runtime or feranick/libedgetpu 16.0tf2.11.");
        assertThat(EdgeTpuPairings.forTflite("2.12.0")).isEqualTo(
                "For TensorFlow Lite 2.12.0: feranick/libedgetpu 16.0tf2.12 (not the official Coral runtime).");
        assertThat(EdgeTpuPairings.forTflite("2.19.0")).contains("feranick/libedgetpu 16.0tf2.19");
        assertThat(EdgeTpuPairings.forTflite("2.20.0"))
                .startsWith("No published libedgetpu is built for TensorFlow Lite 2.20.0: use an org.bytedeco:tensorflow-lite"
                        + " release of 2.19 or older");
        assertThat(EdgeTpuPairings.forTflite("3.0")).isEqualTo(
                "No published libedgetpu is known to pair with TensorFlow Lite 3.0.");
    }

    @Test
    void theKnownPairingsCiteTheirSources() {
        assertThat(EdgeTpuPairings.known()).contains("up to 2.11.1");
        assertThat(EdgeTpuPairings.known()).contains("google-coral/edgetpu#812");
        assertThat(EdgeTpuPairings.known()).contains("\"16.0tf2.X\") pair with TensorFlow Lite 2.X, for 2.8 to 2.19");
        assertThat(EdgeTpuPairings.known()).contains("google-coral/pycoral#7");
    }
}
