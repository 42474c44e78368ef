package dev.shmt.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CUDA modules of one context, each loaded once, from the first {@link KernelImage} the driver and GPU
 * can take: the fatbin when it holds machine code for this GPU's architecture, else the newest PTX the driver
 * JIT-compiles. Each module remembers which image loaded and why the ones before it did not. Calls come from
 * worker threads on which the context is current.
 */
final class GpuModules implements AutoCloseable {
    private static final int LOG_BYTES = 16 * 1024;

    private final CudaDriver driver;
    private final int driverVersion;
    private final int capability;
    private final KernelImage forced;
    private final Map<String, Long> modules = new HashMap<>();
    private final Map<String, String> loadedFrom = new HashMap<>();
    private final Map<String, Long> functions = new HashMap<>();

    GpuModules(CudaDriver driver, int driverVersion, int capability) {
        this.driver = driver;
        this.driverVersion = driverVersion;
        this.capability = capability;
        this.forced = KernelImage.forced();
    }

    /** The kernel {@code function} of {@code ptxResource}, loading its module on first use. */
    synchronized long function(ClassLoader loader, String ptxResource, String function) {
        String key = ptxResource + '#' + function;
        Long f = functions.get(key);
        if (f == null) {
            long[] out = new long[1];
            driver.check(driver.cuModuleGetFunction(out, module(loader, ptxResource), function),
                    "cuModuleGetFunction(" + function + " in " + ptxResource + ")");
            f = out[0];
            functions.put(key, f);
        }
        return f;
    }

    /** Loads {@code ptxResource}'s module if needed; returns how ("PTX ISA 8.0 JIT (fatbin: ...)"). */
    synchronized String load(ClassLoader loader, String ptxResource) {
        module(loader, ptxResource);
        return loadedFrom.get(ptxResource);
    }

    private long module(ClassLoader loader, String ptxResource) {
        Long m = modules.get(ptxResource);
        if (m != null) {
            return m;
        }
        List<String> refused = new ArrayList<>();
        for (KernelImage image : KernelImage.values()) {
            if (forced != null && image != forced) {
                continue;
            }
            String resource = image.resource(ptxResource);
            byte[] bytes = read(loader, resource);
            String why = bytes == null ? "not bundled" : image.refusal(driverVersion, capability);
            if (why == null && image == KernelImage.FATBIN) {
                why = sassRefusal(bytes);
            }
            long[] out = new long[1];
            if (why == null) {
                String log = load(image, bytes, out);
                if (log == null) {
                    String how = image == KernelImage.FATBIN ? "fatbin SASS sm_" + capability : image.label() + " JIT";
                    if (forced != null) {
                        how += " (forced by " + KernelImage.PROPERTY + ")";
                    } else if (!refused.isEmpty()) {
                        how += " (" + String.join("; ", refused) + ")";
                    }
                    modules.put(ptxResource, out[0]);
                    loadedFrom.put(ptxResource, how);
                    return out[0];
                }
                why = log;
            }
            refused.add(image.label() + ": " + why);
        }
        throw new GpuException("could not load " + ptxResource + " on sm_" + capability + " with a CUDA "
                + CudaProbe.version(driverVersion) + " driver: " + String.join("; ", refused));
    }

    /** Null when loaded into {@code out}; otherwise the driver's refusal with its JIT log. */
    private String load(KernelImage image, byte[] bytes, long[] out) {
        if (image == KernelImage.FATBIN) {
            int r = driver.cuModuleLoadData(out, bytes);
            return r == CudaDriver.CUDA_SUCCESS ? null : driver.describe(r);
        }
        byte[] log = new byte[LOG_BYTES];
        // The driver reads PTX as a C string.
        int r = driver.cuModuleLoadDataJit(out, Arrays.copyOf(bytes, bytes.length + 1), log);
        if (r == CudaDriver.CUDA_SUCCESS) {
            return null;
        }
        String text = cString(log).trim();
        return driver.describe(r) + (text.isEmpty() ? "" : "; JIT log: " + text);
    }

    /**
     * Null when the fatbin holds SASS this GPU runs (same major architecture, minor at most the GPU's);
     * otherwise which architectures it does hold.
     */
    private String sassRefusal(byte[] fatbin) {
        List<Integer> sass = new ArrayList<>();
        try {
            for (FatbinImages.Image i : FatbinImages.parse(fatbin)) {
                if (i.kind() == FatbinImages.KIND_ELF) {
                    sass.add(i.sm());
                }
            }
        } catch (IllegalArgumentException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
        for (int sm : sass) {
            if (sm / 10 == capability / 10 && sm % 10 <= capability % 10) {
                return null;
            }
        }
        return "no SASS for sm_" + capability + " (it has " + sass.stream().map(s -> "sm_" + s).toList() + ")";
    }

    private static String cString(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    private static byte[] read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new GpuException("could not read " + resource + ": " + e.getMessage());
        }
    }

    /** Unloads every module; the context must be current. */
    @Override
    public synchronized void close() {
        for (long m : modules.values()) {
            driver.cuModuleUnload(m);
        }
        modules.clear();
        functions.clear();
    }
}
