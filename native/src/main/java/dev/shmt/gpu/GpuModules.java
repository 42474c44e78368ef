package dev.shmt.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUfunction;
import jcuda.driver.CUjit_option;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import jcuda.driver.JITOptions;

/**
 * The CUDA modules of one context, each loaded once: from the {@code .fatbin} beside a PTX resource
 * when there is one and the driver takes it, otherwise by JIT-compiling the PTX. Calls come from worker
 * threads on which the context is current.
 */
final class GpuModules implements AutoCloseable {
    private static final int LOG_BYTES = 16 * 1024;

    private final Map<String, CUmodule> modules = new HashMap<>();
    private final Map<String, String> loadedFrom = new HashMap<>();
    private final Map<String, CUfunction> functions = new HashMap<>();

    /** The kernel {@code function} of {@code ptxResource}, loading its module on first use. */
    synchronized CUfunction function(ClassLoader loader, String ptxResource, String function) {
        String key = ptxResource + '#' + function;
        CUfunction f = functions.get(key);
        if (f == null) {
            f = new CUfunction();
            Cuda.check(JCudaDriver.cuModuleGetFunction(f, module(loader, ptxResource), function),
                    "cuModuleGetFunction(" + function + " in " + ptxResource + ")");
            functions.put(key, f);
        }
        return f;
    }

    /** Loads {@code ptxResource}'s module if needed; returns how it was loaded ("fatbin", "PTX JIT ..."). */
    synchronized String load(ClassLoader loader, String ptxResource) {
        module(loader, ptxResource);
        return loadedFrom.get(ptxResource);
    }

    private CUmodule module(ClassLoader loader, String ptxResource) {
        CUmodule m = modules.get(ptxResource);
        if (m != null) {
            return m;
        }
        String fatbinResource = ptxResource.replaceFirst("\\.ptx$", "") + ".fatbin";
        byte[] fatbin = read(loader, fatbinResource);
        String fatbinRefused = fatbinResource + " not found";
        if (fatbin != null) {
            m = new CUmodule();
            int r = JCudaDriver.cuModuleLoadData(m, fatbin);
            if (r == CUresult.CUDA_SUCCESS) {
                return keep(ptxResource, m, "fatbin");
            }
            fatbinRefused = fatbinResource + ": " + CUresult.stringFor(r);
        }
        byte[] ptx = read(loader, ptxResource);
        if (ptx == null) {
            throw new GpuException("no PTX resource " + ptxResource + " (" + fatbinRefused + ")");
        }
        m = new CUmodule();
        JITOptions jit = new JITOptions();
        jit.putInt(CUjit_option.CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES, LOG_BYTES);
        jit.putBytes(CUjit_option.CU_JIT_ERROR_LOG_BUFFER, new byte[LOG_BYTES]);
        // The driver reads PTX as a C string.
        int r = JCudaDriver.cuModuleLoadDataJIT(m, Pointer.to(Arrays.copyOf(ptx, ptx.length + 1)), jit);
        if (r != CUresult.CUDA_SUCCESS) {
            String log = jit.getString(CUjit_option.CU_JIT_ERROR_LOG_BUFFER);
            throw new GpuException("could not load " + ptxResource + ": " + fatbinRefused + "; PTX JIT: "
                    + CUresult.stringFor(r) + (log == null || log.isBlank() ? "" : "; JIT log: " + log.trim()));
        }
        return keep(ptxResource, m, "PTX JIT (" + fatbinRefused + ")");
    }

    private CUmodule keep(String resource, CUmodule m, String how) {
        modules.put(resource, m);
        loadedFrom.put(resource, how);
        return m;
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
        for (CUmodule m : modules.values()) {
            JCudaDriver.cuModuleUnload(m);
        }
        modules.clear();
        functions.clear();
    }
}
