package dev.shmt.gpu;

import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUdevice;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * What the NVIDIA driver offers this process: its CUDA version and GPUs, or why nothing can run.
 *
 * @param driverVersion the driver's CUDA version as the driver API gives it (12080 = 12.8); 0 if unknown
 * @param gpus the GPUs listed, supported or not
 * @param cause why no GPU can be used at all, or null
 */
record CudaProbe(int driverVersion, List<GpuInfo> gpus, String cause) {
    /** The shipped PTX declares ISA 8.0, which CUDA 12.0 drivers (R525) and newer accept. */
    static final int MIN_DRIVER = 12000;

    private static CudaProbe cached;

    static CudaProbe failed(String cause) {
        return new CudaProbe(0, List.of(), cause);
    }

    /** Probes once per process: every runtime after the first reuses the answer. */
    static synchronized CudaProbe get() {
        if (cached == null) {
            cached = run();
        }
        return cached;
    }

    private static CudaProbe run() {
        String missing = JcudaBinding.missing(System.getProperty("os.name"), System.getProperty("os.arch"),
                CudaProbe.class.getClassLoader(), System.getProperty("java.library.path"));
        if (missing != null) {
            return failed(missing);
        }
        int init;
        try {
            init = JCudaDriver.cuInit(0);
        } catch (LinkageError e) {
            return failed(loadFailure(e));
        }
        int[] version = new int[1];
        if (JCudaDriver.cuDriverGetVersion(version) != CUresult.CUDA_SUCCESS) {
            version[0] = 0;
        }
        String driver = version[0] > 0 ? "NVIDIA driver (CUDA " + Cuda.version(version[0]) + ")" : "NVIDIA driver";
        if (init == CUresult.CUDA_ERROR_NO_DEVICE) {
            return new CudaProbe(version[0], List.of(), driver + " found, but it lists no GPU (cuInit: "
                    + CUresult.stringFor(init) + ")");
        }
        if (version[0] > 0 && version[0] < MIN_DRIVER) {
            return new CudaProbe(version[0], List.of(), driver + " is too old: the shipped kernels need a CUDA "
                    + Cuda.version(MIN_DRIVER) + " driver (R525) or newer");
        }
        if (init != CUresult.CUDA_SUCCESS) {
            return new CudaProbe(version[0], List.of(), driver + ": cuInit failed: " + CUresult.stringFor(init));
        }
        try {
            return new CudaProbe(version[0], list(), null);
        } catch (GpuException e) {
            return new CudaProbe(version[0], List.of(), driver + ": " + e.getMessage());
        }
    }

    private static List<GpuInfo> list() {
        int[] count = new int[1];
        Cuda.check(JCudaDriver.cuDeviceGetCount(count), "cuDeviceGetCount");
        List<GpuInfo> gpus = new ArrayList<>();
        for (int i = 0; i < count[0]; i++) {
            CUdevice d = new CUdevice();
            Cuda.check(JCudaDriver.cuDeviceGet(d, i), "cuDeviceGet");
            byte[] name = new byte[256];
            Cuda.check(JCudaDriver.cuDeviceGetName(name, name.length, d), "cuDeviceGetName");
            long[] memory = new long[1];
            Cuda.check(JCudaDriver.cuDeviceTotalMem(memory, d), "cuDeviceTotalMem");
            gpus.add(new GpuInfo(i, cString(name), attribute(d, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                    attribute(d, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
                    attribute(d, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT), memory[0]));
        }
        return gpus;
    }

    private static int attribute(CUdevice d, int attribute) {
        int[] v = new int[1];
        Cuda.check(JCudaDriver.cuDeviceGetAttribute(v, attribute, d), "cuDeviceGetAttribute");
        return v[0];
    }

    private static String cString(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
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
}
