package dev.shmt.npu.model;

/**
 * The TFLite builtin operators the builder writes, with the op version each needs. TFLite picks its
 * kernel by (code, version): a version too low for int8 data would select a float-only kernel that
 * then rejects the model, so the int8 version is the one that introduced int8 support.
 */
enum BuiltinOp {
    ADD(0, 1, 2),
    CONV_2D(3, 1, 3),
    DEPTHWISE_CONV_2D(4, 1, 3), // 3: int8 with per-channel weights
    FULLY_CONNECTED(9, 1, 4), // 4: int8 input, weights and output
    LOGISTIC(14, 1, 2),
    MUL(18, 1, 2),
    RELU(19, 1, 2),
    TANH(28, 1, 2);

    final int code;
    private final int floatVersion;
    private final int int8Version;

    BuiltinOp(int code, int floatVersion, int int8Version) {
        this.code = code;
        this.floatVersion = floatVersion;
        this.int8Version = int8Version;
    }

    int version(boolean int8) {
        return int8 ? int8Version : floatVersion;
    }

    /** Lower-case name used for the tensors the op creates. */
    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
