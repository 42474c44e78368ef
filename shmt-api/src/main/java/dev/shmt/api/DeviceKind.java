package dev.shmt.api;

/** The kinds of hardware SHMT schedules on. */
public enum DeviceKind {
    CPU,
    GPU,
    NPU,
    /** Devices built by users or tests that are none of the above. */
    OTHER
}
