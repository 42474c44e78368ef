package dev.shmt.npu.tflite;

import com.sun.jna.Pointer;

/** TFLite's XNNPACK delegate: its optimized CPU kernels, int8 included, for one interpreter. */
public final class XnnpackDelegate implements Delegate {
    private final TfLiteLibrary lib;
    private Pointer handle;

    public XnnpackDelegate() {
        lib = TfLiteLibrary.get();
        handle = lib.createXnnpack();
    }

    @Override
    public String name() {
        return "xnnpack";
    }

    @Override
    public Pointer handle() {
        return handle;
    }

    @Override
    public void close() {
        if (handle != null) {
            lib.deleteXnnpack(handle);
            handle = null;
        }
    }
}
