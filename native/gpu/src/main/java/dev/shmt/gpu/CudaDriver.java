package dev.shmt.gpu;

import java.nio.ByteBuffer;

/**
 * The part of the CUDA driver API the gpu device calls, as C declares it: every function returns the
 * driver's {@code CUresult}, handles and device pointers are 64-bit values, results come back through
 * one-element arrays. Two bindings implement it: {@link JcudaDriver} (JCuda, where its natives exist) and
 * {@link JnaDriver} (JNA straight into {@code libcuda}, everywhere else). Everything above this interface is
 * the same code for both.
 */
public interface CudaDriver {
    int CUDA_SUCCESS = 0;
    int CUDA_ERROR_NO_DEVICE = 100;
    int CU_STREAM_NON_BLOCKING = 1;
    int ATTRIBUTE_MULTIPROCESSOR_COUNT = 16;
    int ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75;
    int ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76;

    /** "jcuda 12.6.0" or "jna 5.17.0": what {@code shmt devices} names as the binding. */
    String binding();

    int cuInit(int flags);

    int cuDriverGetVersion(int[] version);

    int cuDeviceGetCount(int[] count);

    int cuDeviceGet(int[] device, int ordinal);

    int cuDeviceGetName(byte[] name, int device);

    int cuDeviceTotalMem(long[] bytes, int device);

    int cuDeviceGetAttribute(int[] value, int attribute, int device);

    int cuDevicePrimaryCtxRetain(long[] context, int device);

    int cuDevicePrimaryCtxRelease(int device);

    int cuCtxSetCurrent(long context);

    int cuMemGetInfo(long[] free, long[] total);

    int cuModuleLoadData(long[] module, byte[] image);

    /** Loads NUL-terminated PTX, JIT-compiling it; the driver's error log lands in {@code errorLog}. */
    int cuModuleLoadDataJit(long[] module, byte[] ptx, byte[] errorLog);

    int cuModuleGetFunction(long[] function, long module, String name);

    int cuModuleUnload(long module);

    int cuMemAlloc(long[] pointer, long bytes);

    int cuMemAllocPitch(long[] pointer, long[] pitch, long widthBytes, long height, int elementBytes);

    int cuMemFree(long pointer);

    /** Page-locked host memory; it stays allocated until {@link #cuMemFreeHost}, whatever the GC does. */
    int cuMemHostAlloc(long[] pointer, long bytes);

    int cuMemFreeHost(long pointer);

    /** A view of {@code bytes} of host memory at {@code address} (page-locked memory from this driver). */
    ByteBuffer hostBuffer(long address, long bytes);

    int cuMemcpyHtoD(long device, float[] host, long bytes);

    int cuMemcpyHtoDAsync(long device, long host, long bytes, long stream);

    int cuMemcpyDtoHAsync(long host, long device, long bytes, long stream);

    int cuMemcpyDtoDAsync(long to, long from, long bytes, long stream);

    int cuMemsetD32Async(long device, int value, long count, long stream);

    int cuStreamCreate(long[] stream, int flags);

    int cuStreamSynchronize(long stream);

    int cuStreamDestroy(long stream);

    int cuEventCreate(long[] event, int flags);

    int cuEventRecord(long event, long stream);

    int cuEventSynchronize(long event);

    int cuEventElapsedTime(float[] ms, long start, long end);

    int cuEventDestroy(long event);

    /** A 2-D copy descriptor of the caller's own, reused for every copy (one per stream). */
    Copy2D newCopy2D();

    /** A kernel argument list of the caller's own, reused for every launch (one per stream). */
    KernelArgs newKernelArgs();

    int cuLaunchKernel(long function, int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ,
            int sharedBytes, long stream, KernelArgs args);

    /** The driver's name for {@code result} ("CUDA_ERROR_INVALID_VALUE"), or null if it has none. */
    String errorName(int result);

    /** The driver's text for {@code result}, or null if it has none. */
    String errorString(int result);

    /** Throws a {@link GpuException} naming {@code call} unless {@code result} is success. */
    default void check(int result, String call) {
        if (result != CUDA_SUCCESS) {
            throw new GpuException(call + " failed: " + describe(result));
        }
    }

    /** "CUDA_ERROR_X" and, when the driver says more, ": " and its text. */
    default String describe(int result) {
        String name = errorName(result);
        if (name == null) {
            name = "CUresult " + result;
        }
        String text = errorString(result);
        return text == null || text.isBlank() || text.equals(name) ? name : name + ": " + text;
    }

    /** A dense host block to or from pitched device rows: the driver's CUDA_MEMCPY2D. */
    interface Copy2D {
        int copyAsync(boolean toDevice, long host, long hostPitch, long device, long devicePitch, long widthBytes,
                long height, long stream);
    }

    /**
     * The values of one launch's kernel parameters, in order; {@code cuLaunchKernel} receives an array of
     * pointers to them. Cleared and refilled for every launch, allocating nothing once it has grown.
     */
    interface KernelArgs {
        void clear();

        void pointer(long devicePointer);

        void i32(int value);

        void i64(long value);

        void f32(float value);

        void f64(double value);
    }
}
