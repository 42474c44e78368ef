package dev.shmt.npu.edgetpu;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/** The C entry points of {@code libedgetpu.so.1} (edgetpu_c.h) that the NPU device uses. */
interface EdgeTpuNative extends Library {
    /** Returns an array of {@code struct edgetpu_device {enum type; const char* path;}}, count in *num. */
    Pointer edgetpu_list_devices(Pointer numDevices);

    void edgetpu_free_devices(Pointer devices);

    /** {@code type}: 0 PCI, 1 USB; {@code name}: the listed device path, or null for any. */
    Pointer edgetpu_create_delegate(int type, String name, Pointer options, SizeT numOptions);

    void edgetpu_free_delegate(Pointer delegate);

    String edgetpu_version();
}
