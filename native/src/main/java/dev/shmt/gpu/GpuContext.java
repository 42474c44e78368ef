package dev.shmt.gpu;

import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.JCudaDriver;

/**
 * One GPU's primary context (the one the CUDA runtime and other libraries in the process share) and
 * the modules loaded into it.
 */
final class GpuContext implements AutoCloseable {
    private final CUdevice device = new CUdevice();
    private final CUcontext context = new CUcontext();
    private final GpuModules modules = new GpuModules();
    private boolean open;

    GpuContext(GpuInfo gpu) {
        Cuda.check(JCudaDriver.cuDeviceGet(device, gpu.ordinal()), "cuDeviceGet(" + gpu.ordinal() + ")");
        Cuda.check(JCudaDriver.cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
        open = true;
        makeCurrent();
    }

    /** Binds the context to the calling thread; CUDA calls on a thread act on its current context. */
    void makeCurrent() {
        Cuda.check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
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
            JCudaDriver.cuDevicePrimaryCtxRelease(device);
        }
    }
}
