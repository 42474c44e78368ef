package dev.shmt.gpu;

import dev.shmt.api.GpuKernel;
import dev.shmt.api.gpu.GpuKernelRef;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

/**
 * One stream's buffer for a REDUCE HLOP's partial result: 4-byte elements in device memory, zeroed on the
 * stream before each kernel, and page-locked host staging the result is copied back into. Both grow to
 * the longest partial seen and are then reused, like {@link ArgBuffer}, so HLOPs allocate nothing.
 */
final class PartialBuffer implements AutoCloseable {
    private static final int ELEMENT_BYTES = 4;

    private CUdeviceptr device;
    private Pointer host;
    private IntBuffer hostInts;
    private int capacity;

    /** Device memory for {@code n} elements, set to 0 on {@code stream} (all-zero bits: 0 and 0.0f alike). */
    CUdeviceptr zeroed(int n, CUstream stream) {
        if (n > capacity) {
            close();
            device = new CUdeviceptr();
            Cuda.check(JCudaDriver.cuMemAlloc(device, (long) n * ELEMENT_BYTES), "cuMemAlloc(partial, " + n + " elements)");
            host = new Pointer();
            Cuda.check(JCudaDriver.cuMemAllocHost(host, (long) n * ELEMENT_BYTES), "cuMemAllocHost(partial, " + n
                    + " elements)");
            hostInts = host.getByteBuffer(0, (long) n * ELEMENT_BYTES).order(ByteOrder.nativeOrder()).asIntBuffer();
            capacity = n;
        }
        Cuda.check(JCudaDriver.cuMemsetD32Async(device, 0, n, stream), "cuMemsetD32Async(partial)");
        return device;
    }

    /** Queues the copy of the first {@code n} elements back to the host staging. */
    void download(int n, CUstream stream) {
        Cuda.check(JCudaDriver.cuMemcpyDtoHAsync(host, device, (long) n * ELEMENT_BYTES, stream),
                "cuMemcpyDtoHAsync(partial)");
    }

    /** The staged result (read after the stream synchronized), as {@link #toJava} converts it. */
    Object result(GpuKernelRef.Partial partial) {
        return toJava(hostInts, partial.type(), partial.javaType(), partial.length());
    }

    /**
     * The first {@code n} elements of {@code ints} (the partial's bits) as a new {@code javaType} array:
     * unsigned ints widened to long, ints to int or long, floats to float or double, every value exactly.
     */
    static Object toJava(IntBuffer hostInts, GpuKernel.PartialType type, Class<?> javaType, int n) {
        if (javaType == long[].class) {
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                int v = hostInts.get(i);
                out[i] = type == GpuKernel.PartialType.UINT32 ? Integer.toUnsignedLong(v) : v;
            }
            return out;
        } else if (javaType == int[].class) {
            int[] out = new int[n];
            hostInts.get(0, out, 0, n);
            return out;
        } else if (javaType == float[].class) {
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = Float.intBitsToFloat(hostInts.get(i));
            }
            return out;
        } else if (javaType == double[].class) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = Float.intBitsToFloat(hostInts.get(i));
            }
            return out;
        }
        // GpuKernelRef.Partial admits only the types above.
        throw new GpuException("a " + type + " partial result cannot be returned as " + javaType.getSimpleName());
    }

    /** Frees both sides; the context must be current and the stream idle. */
    @Override
    public void close() {
        if (device != null) {
            JCudaDriver.cuMemFree(device);
            JCudaDriver.cuMemFreeHost(host);
            device = null;
            host = null;
            hostInts = null;
            capacity = 0;
        }
    }
}
