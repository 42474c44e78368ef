package dev.shmt.gpu;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the NVIDIA driver offers this process: the binding that reached it, its CUDA version and GPUs, or
 * why nothing can run.
 *
 * @param driver the binding to libcuda; null when none loaded
 * @param bindingNote why this binding was chosen when the user did not choose it ("" otherwise)
 * @param driverVersion the driver's CUDA version as the driver API gives it (12080 = 12.8); 0 if unknown
 * @param gpus the GPUs listed, supported or not
 * @param cause why no GPU can be used at all, or null
 */
record CudaProbe(CudaDriver driver, String bindingNote, int driverVersion, List<GpuInfo> gpus, String cause) {
    /**
     * The oldest driver the shipped kernels run on: CUDA 10.2 (JetPack 4.6) JIT-compiles the PTX ISA 6.5
     * kernels. Newer drivers take the ISA 8.0 PTX or the fatbin's machine code.
     */
    static final int MIN_DRIVER = 10020;

    private static CudaProbe cached;

    static CudaProbe failed(String cause) {
        return new CudaProbe(null, "", 0, List.of(), cause);
    }

    /** Probes once per process: every runtime after the first reuses the answer. */
    static synchronized CudaProbe get() {
        if (cached == null) {
            cached = run();
        }
        return cached;
    }

    private static CudaProbe run() {
        CudaBinding binding;
        try {
            binding = CudaBinding.configured();
        } catch (IllegalArgumentException e) {
            return failed(e.getMessage());
        }
        String jcudaMissing = JcudaBinding.missing(System.getProperty("os.name"), System.getProperty("os.arch"),
                CudaProbe.class.getClassLoader(), System.getProperty("java.library.path"));
        CudaDriver driver;
        String note = "";
        if (binding == CudaBinding.JCUDA || binding == CudaBinding.AUTO && jcudaMissing == null) {
            if (jcudaMissing != null) {
                return failed(jcudaMissing + " (" + CudaBinding.origin() + "; auto or jna would use JNA)");
            }
            try {
                driver = new JcudaDriver();
                return probe(driver, driver.cuInit(0), note);
            } catch (LinkageError e) {
                return failed(loadFailure(e));
            }
        }
        if (binding == CudaBinding.AUTO) {
            note = "JCuda has no natives for " + JcudaBinding.platform(System.getProperty("os.name"),
                    System.getProperty("os.arch"));
        }
        try {
            driver = JnaDriver.load(CudaBinding.LIBCUDA);
        } catch (UnsatisfiedLinkError e) {
            return failed(jnaLoadFailure(e));
        }
        return probe(driver, driver.cuInit(0), note);
    }

    private static CudaProbe probe(CudaDriver driver, int init, String note) {
        int[] version = new int[1];
        if (driver.cuDriverGetVersion(version) != CudaDriver.CUDA_SUCCESS) {
            version[0] = 0;
        }
        String name = version[0] > 0 ? "NVIDIA driver (CUDA " + version(version[0]) + ")" : "NVIDIA driver";
        if (init == CudaDriver.CUDA_ERROR_NO_DEVICE) {
            return new CudaProbe(driver, note, version[0], List.of(), name + " found, but it lists no GPU (cuInit: "
                    + driver.describe(init) + ")");
        }
        if (version[0] > 0 && version[0] < MIN_DRIVER) {
            return new CudaProbe(driver, note, version[0], List.of(), name + " is too old: the oldest kernels the SDK"
                    + " ships (PTX ISA 6.5) need a CUDA " + version(MIN_DRIVER) + " driver (JetPack 4.6) or newer");
        }
        if (init != CudaDriver.CUDA_SUCCESS) {
            return new CudaProbe(driver, note, version[0], List.of(), name + ": cuInit failed: " + driver.describe(init));
        }
        try {
            return new CudaProbe(driver, note, version[0], list(driver), null);
        } catch (GpuException e) {
            return new CudaProbe(driver, note, version[0], List.of(), name + ": " + e.getMessage());
        }
    }

    private static List<GpuInfo> list(CudaDriver driver) {
        int[] count = new int[1];
        driver.check(driver.cuDeviceGetCount(count), "cuDeviceGetCount");
        List<GpuInfo> gpus = new ArrayList<>();
        for (int i = 0; i < count[0]; i++) {
            int[] d = new int[1];
            driver.check(driver.cuDeviceGet(d, i), "cuDeviceGet");
            byte[] name = new byte[256];
            driver.check(driver.cuDeviceGetName(name, d[0]), "cuDeviceGetName");
            long[] memory = new long[1];
            driver.check(driver.cuDeviceTotalMem(memory, d[0]), "cuDeviceTotalMem");
            gpus.add(new GpuInfo(i, cString(name),
                    attribute(driver, d[0], CudaDriver.ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                    attribute(driver, d[0], CudaDriver.ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
                    attribute(driver, d[0], CudaDriver.ATTRIBUTE_MULTIPROCESSOR_COUNT), memory[0]));
        }
        return gpus;
    }

    private static int attribute(CudaDriver driver, int device, int attribute) {
        int[] v = new int[1];
        driver.check(driver.cuDeviceGetAttribute(v, attribute, device), "cuDeviceGetAttribute(" + attribute + ")");
        return v[0];
    }

    private static String cString(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    /** "12.8" for the driver's 12080. */
    static String version(int driverVersion) {
        return driverVersion / 1000 + "." + driverVersion % 1000 / 10;
    }

    /** "binding jna 5.17.0 (JCuda has no natives for linux-aarch64)", for status lines. */
    String bindingLine() {
        return driver == null ? "" : "binding " + driver.binding() + (bindingNote.isEmpty() ? "" : " (" + bindingNote + ")");
    }

    /**
     * JCuda's load error nests the loader's messages; the one that matters names libcuda.so.1 when no
     * NVIDIA driver is installed.
     */
    static String loadFailure(Throwable e) {
        String message = String.valueOf(e.getMessage());
        for (String line : message.split("\n")) {
            int at = line.indexOf("libcuda.so");
            if (at >= 0) {
                return "no NVIDIA driver: " + line.substring(at).trim();
            }
        }
        return "JCuda's driver binding did not load: " + message.lines().findFirst().orElse(e.toString());
    }

    /**
     * JNA says which library or entry point it could not find; the dynamic loader's own line names the
     * missing libcuda.so.1 when no NVIDIA driver is installed.
     */
    static String jnaLoadFailure(Throwable e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Unable to load library")) {
            for (String line : message.split("\n")) {
                if (line.startsWith(CudaBinding.LIBCUDA + ":")) {
                    return "no NVIDIA driver: " + line.trim();
                }
            }
            return "no NVIDIA driver: " + message.lines().findFirst().orElse(e.toString());
        }
        return "the NVIDIA driver's " + CudaBinding.LIBCUDA + " lacks an entry point the SDK calls (binding jna): "
                + message.lines().findFirst().orElse(e.toString());
    }
}
