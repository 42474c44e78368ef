package dev.shmt.gpu.energy;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.io.File;

/**
 * The entry points of NVML ({@code libnvidia-ml.so.1}) the meter calls, through JNA's {@link Function}s of one
 * {@link NativeLibrary}: no interface bound to a class, so meters on different libraries (the tests' stand-ins)
 * live in one JVM. Every call returns NVML's {@code nvmlReturn_t}.
 */
final class Nvml {
    /** nvmlReturn_t values (nvml.h). */
    static final int SUCCESS = 0;
    static final int ERROR_NOT_SUPPORTED = 3;
    static final int ERROR_DRIVER_NOT_LOADED = 9;
    static final int ERROR_FUNCTION_NOT_FOUND = 13;

    /** NVML_DEVICE_NAME_V2_BUFFER_SIZE: room for any name a driver gives. */
    private static final int NAME_BUFFER = 96;

    private final NativeLibrary library;
    private final Function init;
    private final Function shutdown;
    private final Function count;
    private final Function handle;
    private final Function name;
    private final Function power;
    private final Function errorString;
    /** Null where the library predates the energy counter. */
    private final Function energy;

    private Nvml(NativeLibrary library) {
        this.library = library;
        init = library.getFunction("nvmlInit_v2");
        shutdown = library.getFunction("nvmlShutdown");
        count = library.getFunction("nvmlDeviceGetCount_v2");
        handle = library.getFunction("nvmlDeviceGetHandleByIndex_v2");
        name = library.getFunction("nvmlDeviceGetName");
        power = library.getFunction("nvmlDeviceGetPowerUsage");
        errorString = library.getFunction("nvmlErrorString");
        energy = optional(library, "nvmlDeviceGetTotalEnergyConsumption");
    }

    /** The library itself: {@link UnsatisfiedLinkError} when dlopen cannot open it. */
    static NativeLibrary open(String libraryName) {
        return NativeLibrary.getInstance(libraryName);
    }

    /** Its entry points: {@link UnsatisfiedLinkError} naming the first one missing. */
    static Nvml bind(NativeLibrary library) {
        return new Nvml(library);
    }

    private static Function optional(NativeLibrary library, String symbol) {
        try {
            return library.getFunction(symbol);
        } catch (UnsatisfiedLinkError e) {
            return null;
        }
    }

    /** Where JNA loaded it from. */
    String path() {
        File f = library.getFile();
        return f != null ? f.getPath() : library.getName();
    }

    int init() {
        return init.invokeInt(new Object[0]);
    }

    int shutdown() {
        return shutdown.invokeInt(new Object[0]);
    }

    int deviceCount(IntByReference n) {
        return count.invokeInt(new Object[] {n});
    }

    int handle(int index, PointerByReference device) {
        return handle.invokeInt(new Object[] {index, device});
    }

    /** The GPU's name, or null with {@code result[0]} set to the error. */
    String name(Pointer device, int[] result) {
        byte[] buf = new byte[NAME_BUFFER];
        result[0] = name.invokeInt(new Object[] {device, buf, buf.length});
        return result[0] == SUCCESS ? Native.toString(buf, "UTF-8") : null;
    }

    /** Millijoules since the driver loaded; {@link #ERROR_FUNCTION_NOT_FOUND} where the library lacks it. */
    int totalEnergy(Pointer device, LongByReference millijoules) {
        return energy == null ? ERROR_FUNCTION_NOT_FOUND : energy.invokeInt(new Object[] {device, millijoules});
    }

    int powerUsage(Pointer device, IntByReference milliwatts) {
        return power.invokeInt(new Object[] {device, milliwatts});
    }

    /** NVML's text for a code ("Driver Not Loaded"), else the number. */
    String error(int code) {
        String s = errorString.invokeString(new Object[] {code}, false);
        return s != null ? s : "NVML error " + code;
    }
}
