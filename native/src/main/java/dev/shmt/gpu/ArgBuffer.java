package dev.shmt.gpu;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUDA_MEMCPY2D;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUmemorytype;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

/**
 * The memory of one kernel argument on one stream: page-locked host staging (the copy engines need it
 * for asynchronous copies) and device memory, pitched for matrices. Both grow to the largest tile seen
 * and are then reused, so HLOPs of a call allocate nothing.
 */
final class ArgBuffer implements AutoCloseable {
    private Pointer host;
    private FloatBuffer hostFloats;
    private long hostCapacity;

    private CUdeviceptr device;
    private long deviceBytes;
    private int width;
    private int height;
    private long pitch;
    private final CUDA_MEMCPY2D copy = new CUDA_MEMCPY2D();

    /** Dense host staging for {@code n} floats. */
    FloatBuffer host(long n) {
        if (n > hostCapacity) {
            freeHost();
            Pointer p = new Pointer();
            Cuda.check(JCudaDriver.cuMemAllocHost(p, n * Sizeof.FLOAT), "cuMemAllocHost(" + n * Sizeof.FLOAT + " bytes)");
            host = p;
            hostCapacity = n;
            hostFloats = p.getByteBuffer(0, n * Sizeof.FLOAT).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
        return hostFloats;
    }

    /** Device rows of at least {@code w} floats, {@code h} of them; returns the pitch in bytes. */
    long matrix(int w, int h) {
        if (device == null || pitch == 0 || w > width || h > height) {
            int nw = Math.max(w, width);
            int nh = Math.max(h, height);
            freeDevice();
            CUdeviceptr p = new CUdeviceptr();
            long[] pitchOut = new long[1];
            Cuda.check(JCudaDriver.cuMemAllocPitch(p, pitchOut, (long) nw * Sizeof.FLOAT, nh, Sizeof.FLOAT),
                    "cuMemAllocPitch(" + nw + " x " + nh + " floats)");
            device = p;
            width = nw;
            height = nh;
            pitch = pitchOut[0];
        }
        return pitch;
    }

    /** Linear device memory for {@code n} floats. */
    void linear(long n) {
        if (device == null || pitch != 0 || n * Sizeof.FLOAT > deviceBytes) {
            long bytes = Math.max(n * Sizeof.FLOAT, deviceBytes);
            freeDevice();
            CUdeviceptr p = new CUdeviceptr();
            Cuda.check(JCudaDriver.cuMemAlloc(p, bytes), "cuMemAlloc(" + bytes + " bytes)");
            device = p;
            deviceBytes = bytes;
        }
    }

    /** The page-locked staging; null before the first {@link #host}. */
    Pointer hostPointer() {
        return host;
    }

    CUdeviceptr device() {
        return device;
    }

    /** Copies a dense {@code w x h} host block into the pitched device rows (the paper's cudaMemcpy2D). */
    void upload(int w, int h, CUstream stream) {
        copy2d(CUmemorytype.CU_MEMORYTYPE_HOST, CUmemorytype.CU_MEMORYTYPE_DEVICE, w, h);
        Cuda.check(JCudaDriver.cuMemcpy2DAsync(copy, stream), "cuMemcpy2DAsync(host to device)");
    }

    /** Copies the pitched device rows of a {@code w x h} block into dense host staging. */
    void download(int w, int h, CUstream stream) {
        copy2d(CUmemorytype.CU_MEMORYTYPE_DEVICE, CUmemorytype.CU_MEMORYTYPE_HOST, w, h);
        Cuda.check(JCudaDriver.cuMemcpy2DAsync(copy, stream), "cuMemcpy2DAsync(device to host)");
    }

    void uploadLinear(long n, CUstream stream) {
        Cuda.check(JCudaDriver.cuMemcpyHtoDAsync(device, host, n * Sizeof.FLOAT, stream), "cuMemcpyHtoDAsync");
    }

    void downloadLinear(long n, CUstream stream) {
        Cuda.check(JCudaDriver.cuMemcpyDtoHAsync(host, device, n * Sizeof.FLOAT, stream), "cuMemcpyDtoHAsync");
    }

    private void copy2d(int srcType, int dstType, int w, int h) {
        boolean toDevice = dstType == CUmemorytype.CU_MEMORYTYPE_DEVICE;
        copy.srcMemoryType = srcType;
        copy.dstMemoryType = dstType;
        copy.srcHost = toDevice ? host : null;
        copy.srcDevice = toDevice ? null : device;
        copy.srcPitch = toDevice ? (long) w * Sizeof.FLOAT : pitch;
        copy.dstHost = toDevice ? null : host;
        copy.dstDevice = toDevice ? device : null;
        copy.dstPitch = toDevice ? pitch : (long) w * Sizeof.FLOAT;
        copy.WidthInBytes = (long) w * Sizeof.FLOAT;
        copy.Height = h;
    }

    private void freeHost() {
        if (host != null) {
            JCudaDriver.cuMemFreeHost(host);
            host = null;
            hostFloats = null;
            hostCapacity = 0;
        }
    }

    private void freeDevice() {
        if (device != null) {
            JCudaDriver.cuMemFree(device);
            device = null;
            deviceBytes = 0;
            width = 0;
            height = 0;
            pitch = 0;
        }
    }

    /** Frees both sides; the context must be current and the stream idle. */
    @Override
    public void close() {
        freeHost();
        freeDevice();
    }
}
