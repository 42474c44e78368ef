package dev.shmt.gpu;

import dev.shmt.api.GpuKernel;
import dev.shmt.api.gpu.GpuKernelRef;
import java.nio.ByteOrder;
import java.nio.IntBuffer;

/**
 * One stream's buffer for a REDUCE HLOP's partial result: 4-byte elements in device memory, zeroed on the
 * stream before each kernel, and page-locked host staging the result is copied back into. Both grow to
 * the longest partial seen and are then reused, like {@link ArgBuffer}, so HLOPs allocate nothing.
 */
final class PartialBuffer implements AutoCloseable {
    private static final int ELEMENT_BYTES = 4;

    private final CudaDriver driver;
    private long device;
    private long host;
    private IntBuffer hostInts;
    private int capacity;

    PartialBuffer(CudaDriver driver) {
        this.driver = driver;
    }

    /** Device memory for {@code n} elements, set to 0 on {@code stream} (all-zero bits: 0 and 0.0f alike). */
    long zeroed(int n, long stream) {
        if (n > capacity) {
            close();
            long[] p = new long[1];
            driver.check(driver.cuMemAlloc(p, (long) n * ELEMENT_BYTES), "cuMemAlloc(partial, " + n + " elements)");
            device = p[0];
            driver.check(driver.cuMemHostAlloc(p, (long) n * ELEMENT_BYTES), "cuMemHostAlloc(partial, " + n
                    + " elements)");
            host = p[0];
            hostInts = driver.hostBuffer(host, (long) n * ELEMENT_BYTES).order(ByteOrder.nativeOrder()).asIntBuffer();
            capacity = n;
        }
        driver.check(driver.cuMemsetD32Async(device, 0, n, stream), "cuMemsetD32Async(partial)");
        return device;
    }

    /** Queues the copy of the first {@code n} elements back to the host staging. */
    void download(int n, long stream) {
        driver.check(driver.cuMemcpyDtoHAsync(host, device, (long) n * ELEMENT_BYTES, stream),
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
        if (device != 0) {
            driver.cuMemFree(device);
            driver.cuMemFreeHost(host);
            device = 0;
            host = 0;
            hostInts = null;
            capacity = 0;
        }
    }
}
