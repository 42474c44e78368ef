package dev.shmt.npu;

import dev.shmt.runtime.spi.Setting;

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
    static final Setting SETTING = new Setting(PROPERTY, ENV);

    final String text;

    NpuMode(String text) {
        this.text = text;
    }

    /** The configured mode; an unknown value is an IllegalArgumentException naming the setting. */
    static NpuMode configured() {
        return SETTING.choose(values(), m -> m.text, AUTO, "auto, edgetpu or tflite-cpu");
    }

    /** Where the mode came from, for status lines: "SHMT_NPU=tflite-cpu". */
    static String origin() {
        return SETTING.origin();
    }
}
