package dev.shmt.npu.edgetpu;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code libedgetpu.so.1} loaded through JNA. Loading and listing never throw: {@link #probe} answers
 * with what was found, or why nothing was, so the NPU device can fall back and say so.
 */
public final class EdgeTpuLibrary {
    public static final String DEFAULT_NAME = "libedgetpu.so.1";

    private final EdgeTpuNative lib;
    private final String name;
    private final String version;

    private EdgeTpuLibrary(EdgeTpuNative lib, String name, String version) {
        this.lib = lib;
        this.name = name;
        this.version = version;
    }

    /** What loading {@code name} (a file name searched like dlopen does, or a path) found. */
    public record Probe(EdgeTpuLibrary library, List<EdgeTpuDevice> devices, String problem) {
        public boolean found() {
            return problem == null;
        }
    }

    public static Probe probe(String name) {
        EdgeTpuNative lib;
        try {
            lib = Native.load(name, EdgeTpuNative.class);
        } catch (UnsatisfiedLinkError e) {
            return new Probe(null, List.of(), "no " + name);
        }
        EdgeTpuLibrary l;
        List<EdgeTpuDevice> devices;
        try {
            l = new EdgeTpuLibrary(lib, name, String.valueOf(lib.edgetpu_version()));
            devices = l.listDevices();
        } catch (UnsatisfiedLinkError e) {
            // A file by that name that is not libedgetpu (or too old to have the C API).
            return new Probe(null, List.of(), name + " lacks the Edge TPU C API: " + e.getMessage());
        }
        if (devices.isEmpty()) {
            return new Probe(l, devices, "no Edge TPU listed by " + name + " (runtime " + l.version + ")");
        }
        return new Probe(l, devices, null);
    }

    /** edgetpu_version(): "BuildLabel(...), RuntimeVersion(14)" for Coral's runtime. */
    public String version() {
        return version;
    }

    /** The name or path it was loaded by. */
    public String name() {
        return name;
    }

    /**
     * The file the dynamic loader mapped for it (symbolic links resolved), found by the address of
     * edgetpu_version in /proc/self/maps; null where that cannot be read. A bare name like
     * "libedgetpu.so.1" is found by the loader's own search, which Java cannot repeat reliably.
     */
    public Path file() {
        long at;
        try {
            at = Pointer.nativeValue(NativeLibrary.getInstance(name).getFunction("edgetpu_version"));
        } catch (UnsatisfiedLinkError e) {
            return null;
        }
        List<String> maps;
        try {
            maps = Files.readAllLines(Path.of("/proc/self/maps"));
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
        for (String line : maps) {
            // "start-end perms offset dev inode   path"
            String[] f = line.trim().split("\\s+", 6);
            if (f.length < 6 || !f[5].startsWith("/")) {
                continue;
            }
            int dash = f[0].indexOf('-');
            long start = Long.parseUnsignedLong(f[0].substring(0, dash), 16);
            long end = Long.parseUnsignedLong(f[0].substring(dash + 1), 16);
            if (Long.compareUnsigned(at, start) >= 0 && Long.compareUnsigned(at, end) < 0) {
                return Path.of(f[5]);
            }
        }
        return null;
    }

    List<EdgeTpuDevice> listDevices() {
        Memory count = new Memory(Native.SIZE_T_SIZE);
        count.clear();
        Pointer array = lib.edgetpu_list_devices(count);
        long n = Native.SIZE_T_SIZE == 8 ? count.getLong(0) : count.getInt(0);
        List<EdgeTpuDevice> out = new ArrayList<>();
        if (array == null) {
            return out;
        }
        try {
            // struct edgetpu_device { enum type; const char* path; }: the enum padded to pointer alignment.
            int stride = 2 * Native.POINTER_SIZE;
            int usb = 0;
            int pci = 0;
            for (long i = 0; i < n; i++) {
                int type = array.getInt(i * stride);
                Pointer path = array.getPointer(i * stride + Native.POINTER_SIZE);
                String label = type == 1 ? "usb:" + usb++ : "pci:" + pci++;
                out.add(new EdgeTpuDevice(type, path == null ? "" : path.getString(0), label));
            }
        } finally {
            lib.edgetpu_free_devices(array);
        }
        return out;
    }

    /** A delegate for {@code device}; the caller frees it with {@link #freeDelegate} after its interpreter. */
    public Pointer createDelegate(EdgeTpuDevice device) {
        Pointer d = lib.edgetpu_create_delegate(device.type(), device.path(), null, new SizeT(0));
        if (d == null) {
            throw new IllegalStateException("edgetpu_create_delegate returned null for " + device.label()
                    + " (" + device.path() + "): is the device in use by another process?");
        }
        return d;
    }

    public void freeDelegate(Pointer delegate) {
        lib.edgetpu_free_delegate(delegate);
    }
}
