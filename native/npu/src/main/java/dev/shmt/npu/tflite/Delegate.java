package dev.shmt.npu.tflite;

import com.sun.jna.Pointer;

/**
 * A TFLite delegate owned by one interpreter: its native handle and how to free it once the
 * interpreter is gone (TFLite requires delegates to outlive the interpreters using them).
 */
public interface Delegate extends AutoCloseable {
    /** Short name for reports: "xnnpack", "edgetpu usb:0". */
    String name();

    Pointer handle();

    @Override
    void close();
}
