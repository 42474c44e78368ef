package dev.shmt.npu.edgetpu;

import com.sun.jna.Pointer;
import dev.shmt.npu.tflite.Delegate;

/** An Edge TPU delegate for one interpreter. */
public final class EdgeTpuDelegate implements Delegate {
    private final EdgeTpuLibrary lib;
    private final EdgeTpuDevice device;
    private Pointer handle;

    public EdgeTpuDelegate(EdgeTpuLibrary lib, EdgeTpuDevice device) {
        this.lib = lib;
        this.device = device;
        this.handle = lib.createDelegate(device);
    }

    @Override
    public String name() {
        return "edgetpu " + device.label();
    }

    @Override
    public Pointer handle() {
        return handle;
    }

    @Override
    public void close() {
        if (handle != null) {
            lib.freeDelegate(handle);
            handle = null;
        }
    }
}
