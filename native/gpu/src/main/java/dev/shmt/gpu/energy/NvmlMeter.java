package dev.shmt.gpu.energy;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.shmt.runtime.spi.EnergyChannel;
import dev.shmt.runtime.spi.EnergyChannel.Method;
import dev.shmt.runtime.spi.EnergyMeter;
import dev.shmt.runtime.spi.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * NVIDIA GPUs' energy through NVML ({@code libnvidia-ml.so.1}, installed with the driver), one channel per GPU
 * ({@link NvmlChannel}): the energy counter where the GPU has one, else sampled power. What NVML cannot give
 * (no library, no driver, no GPU) makes the meter unavailable with the cause. The library is
 * {@code -Dshmt.energy.nvml} / {@code SHMT_NVML} when set (a path, or a name for dlopen's search).
 */
public final class NvmlMeter implements EnergyMeter {
    /** Which NVML library to load. */
    public static final Setting LIBRARY = new Setting("shmt.energy.nvml", "SHMT_NVML");

    /** The driver's NVML, found by dlopen's search. */
    public static final String DEFAULT_LIBRARY = "libnvidia-ml.so.1";

    private final String library;
    /** The file JNA loaded, for {@link #detail()}. */
    private String loadedFrom;
    private final AtomicBoolean closed = new AtomicBoolean();
    private Nvml nvml;
    private String unavailable;
    private final List<NvmlChannel> channels = new ArrayList<>();
    /** GPUs listed that give neither energy nor power, with why; shown in {@link #detail()}. */
    private final List<String> unread = new ArrayList<>();

    /** The library {@link #LIBRARY} names, else {@value #DEFAULT_LIBRARY}. */
    public NvmlMeter() {
        this(LIBRARY.text() != null ? LIBRARY.text() : DEFAULT_LIBRARY);
    }

    /** @param library a path or a name for dlopen's search ({@value #DEFAULT_LIBRARY}) */
    public NvmlMeter(String library) {
        if (library == null || library.isBlank()) {
            throw new IllegalArgumentException("library: expected a path or a library name, got '" + library + "'");
        }
        this.library = library;
        try {
            unavailable = open();
        } catch (LinkageError | RuntimeException e) {
            // Whatever JNA throws, the meter is listed with the cause rather than failing the runtime.
            unavailable = "NVML failed: " + e;
        }
        if (unavailable != null) {
            channels.clear();
            shutdownOnce();
        }
    }

    /** Null when it reads at least one GPU; else why not. */
    private String open() {
        NativeLibrary lib;
        try {
            lib = Nvml.open(library);
        } catch (UnsatisfiedLinkError e) {
            // A file that is there but will not load (another architecture, a broken link) says why.
            return library.contains("/") && Files.exists(Path.of(library))
                    ? "cannot load " + library + ": " + e.getMessage()
                    : "no " + library + ": no NVIDIA driver on this machine";
        }
        try {
            nvml = Nvml.bind(lib);
        } catch (UnsatisfiedLinkError e) {
            return library + " is not a usable NVML: " + e.getMessage();
        }
        loadedFrom = nvml.path();
        int r = nvml.init();
        if (r != Nvml.SUCCESS) {
            String text = nvml.error(r);
            nvml = null; // not started: nothing to shut down
            return r == Nvml.ERROR_DRIVER_NOT_LOADED ? "NVIDIA driver not loaded (nvmlInit: " + text + ")"
                    : "NVML did not start (nvmlInit: " + text + ")";
        }
        IntByReference count = new IntByReference();
        r = nvml.deviceCount(count);
        if (r != Nvml.SUCCESS) {
            return "NVML lists no GPUs (nvmlDeviceGetCount: " + nvml.error(r) + ")";
        }
        if (count.getValue() == 0) {
            return "no NVIDIA GPU";
        }
        for (int i = 0; i < count.getValue(); i++) {
            String why = addChannel(i);
            if (why != null) {
                unread.add("gpu" + i + ": " + why);
            }
        }
        return channels.isEmpty() ? "no GPU gives its energy or power (" + String.join("; ", unread) + ")" : null;
    }

    /** Adds GPU {@code index}'s channel; null when added, else why not. */
    private String addChannel(int index) {
        PointerByReference ref = new PointerByReference();
        int r = nvml.handle(index, ref);
        if (r != Nvml.SUCCESS) {
            return "nvmlDeviceGetHandleByIndex: " + nvml.error(r);
        }
        Pointer device = ref.getValue();
        int[] result = new int[1];
        String name = nvml.name(device, result);
        if (name == null) {
            name = "unnamed (nvmlDeviceGetName: " + nvml.error(result[0]) + ")";
        }
        r = nvml.totalEnergy(device, new LongByReference());
        Method method;
        if (r == Nvml.SUCCESS) {
            method = Method.COUNTER;
        } else if (r == Nvml.ERROR_NOT_SUPPORTED || r == Nvml.ERROR_FUNCTION_NOT_FOUND) {
            int p = nvml.powerUsage(device, new IntByReference());
            if (p != Nvml.SUCCESS) {
                return name + ": no energy counter, and nvmlDeviceGetPowerUsage: " + nvml.error(p);
            }
            method = Method.SAMPLED;
        } else {
            return name + ": nvmlDeviceGetTotalEnergyConsumption: " + nvml.error(r);
        }
        channels.add(new NvmlChannel(nvml, device, index, name, method, closed::get));
        return null;
    }

    @Override
    public String name() {
        return "nvml";
    }

    /** The library JNA loaded and each GPU's name: {@code /usr/lib/.../libnvidia-ml.so.1: gpu0 NVIDIA H100 ...}. */
    @Override
    public String detail() {
        StringBuilder s = new StringBuilder(loadedFrom != null ? loadedFrom : library);
        String sep = ": ";
        for (NvmlChannel c : channels) {
            s.append(sep).append(c.name()).append(' ').append(c.gpuName())
                    .append(c.method() == Method.COUNTER ? " (energy counter)" : " (power sampled)");
            sep = ", ";
        }
        for (String u : unread) {
            s.append(sep).append(u);
            sep = ", ";
        }
        return s.toString();
    }

    @Override
    public String unavailable() {
        return unavailable;
    }

    @Override
    public List<EnergyChannel> channels() {
        return List.copyOf(channels);
    }

    /** nvmlShutdown once, balancing the one nvmlInit (NVML counts them). */
    @Override
    public void close() {
        shutdownOnce();
    }

    private void shutdownOnce() {
        if (nvml != null && closed.compareAndSet(false, true)) {
            nvml.shutdown();
        }
    }
}
