package dev.shmt.gpu;

/**
 * One GPU's primary context (the one the CUDA runtime and other libraries in the process share) and
 * the modules loaded into it.
 */
final class GpuContext implements AutoCloseable {
    private final CudaDriver driver;
    private final int device;
    private final long context;
    private final GpuModules modules;
    private boolean open;

    GpuContext(CudaDriver driver, GpuInfo gpu, int driverVersion) {
        this.driver = driver;
        // First, as it reads a setting that may be malformed: nothing is retained yet if it throws.
        modules = new GpuModules(driver, driverVersion, gpu.capability());
        int[] d = new int[1];
        driver.check(driver.cuDeviceGet(d, gpu.ordinal()), "cuDeviceGet(" + gpu.ordinal() + ")");
        device = d[0];
        long[] c = new long[1];
        driver.check(driver.cuDevicePrimaryCtxRetain(c, device), "cuDevicePrimaryCtxRetain");
        context = c[0];
        open = true;
        makeCurrent();
    }

    CudaDriver driver() {
        return driver;
    }

    /** Binds the context to the calling thread; CUDA calls on a thread act on its current context. */
    void makeCurrent() {
        driver.check(driver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
    }

    GpuModules modules() {
        return modules;
    }

    @Override
    public synchronized void close() {
        if (open) {
            open = false;
            makeCurrent();
            modules.close();
            driver.cuDevicePrimaryCtxRelease(device);
        }
    }
}
