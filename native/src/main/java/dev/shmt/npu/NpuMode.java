package dev.shmt.npu;

import java.util.Locale;

/**
 * Which backend the NPU device may use, from the system property {@code shmt.npu} or else the
 * environment variable {@code SHMT_NPU}: {@code auto} (an Edge TPU when one is listed, else TFLite's
 * CPU kernels), {@code edgetpu} (the TPU or nothing) or {@code tflite-cpu} (never the TPU).
 */
enum NpuMode {
    AUTO("auto"),
    EDGETPU("edgetpu"),
    TFLITE_CPU("tflite-cpu");

    static final String PROPERTY = "shmt.npu";
    static final String ENV = "SHMT_NPU";

    final String text;

    NpuMode(String text) {
        this.text = text;
    }

    /** The configured mode; an unknown value is an IllegalArgumentException naming the setting. */
    static NpuMode configured() {
        String prop = System.getProperty(PROPERTY);
        String value = prop != null ? prop : System.getenv(ENV);
        String source = prop != null ? "-D" + PROPERTY : ENV;
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        for (NpuMode m : values()) {
            if (m.text.equals(value.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException(source + "=" + value + ": expected auto, edgetpu or tflite-cpu");
    }

    /** Where the mode came from, for status lines: "SHMT_NPU=tflite-cpu". */
    static String origin() {
        return System.getProperty(PROPERTY) != null ? "-D" + PROPERTY + "=" + System.getProperty(PROPERTY)
                : ENV + "=" + System.getenv(ENV);
    }
}
