package dev.shmt.gpu;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The memory of one kernel argument on one stream: page-locked host staging (the copy engines need it
 * for asynchronous copies) and device memory, pitched for matrices. Both grow to the largest tile seen
 * and are then reused, so HLOPs of a call allocate nothing. The staging is freed only by {@link #close}
 * (after its stream is idle), so no copy can outlive the memory it reads.
 */
final class ArgBuffer implements AutoCloseable {
    private static final int FLOAT = Float.BYTES;

    private final CudaDriver driver;
    private final CudaDriver.Copy2D copy;
    private long host;
    private FloatBuffer hostFloats;
    private long hostCapacity;

    private long device;
    private long deviceBytes;
    private int width;
    private int height;
    private long pitch;

    ArgBuffer(CudaDriver driver) {
        this.driver = driver;
        this.copy = driver.newCopy2D();
    }

    /** Dense host staging for {@code n} floats. */
    FloatBuffer host(long n) {
        if (n > hostCapacity) {
            freeHost();
            long[] p = new long[1];
            driver.check(driver.cuMemHostAlloc(p, n * FLOAT), "cuMemHostAlloc(" + n * FLOAT + " bytes)");
            host = p[0];
            hostCapacity = n;
            hostFloats = driver.hostBuffer(host, n * FLOAT).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
        return hostFloats;
    }

    /** Device rows of at least {@code w} floats, {@code h} of them; returns the pitch in bytes. */
    long matrix(int w, int h) {
        if (device == 0 || pitch == 0 || w > width || h > height) {
            int nw = Math.max(w, width);
            int nh = Math.max(h, height);
            freeDevice();
            long[] p = new long[1];
            long[] pitchOut = new long[1];
            driver.check(driver.cuMemAllocPitch(p, pitchOut, (long) nw * FLOAT, nh, FLOAT),
                    "cuMemAllocPitch(" + nw + " x " + nh + " floats)");
            device = p[0];
            width = nw;
            height = nh;
            pitch = pitchOut[0];
        }
        return pitch;
    }

    /** Linear device memory for {@code n} floats. */
    void linear(long n) {
        if (device == 0 || pitch != 0 || n * FLOAT > deviceBytes) {
            long bytes = Math.max(n * FLOAT, deviceBytes);
            freeDevice();
            long[] p = new long[1];
            driver.check(driver.cuMemAlloc(p, bytes), "cuMemAlloc(" + bytes + " bytes)");
            device = p[0];
            deviceBytes = bytes;
        }
    }

    /** The page-locked staging's address; 0 before the first {@link #host}. */
    long hostAddress() {
        return host;
    }

    /** The device memory's address; 0 before the first {@link #matrix} or {@link #linear}. */
    long device() {
        return device;
    }

    /** Copies a dense {@code w x h} host block into the pitched device rows (the paper's cudaMemcpy2D). */
    void upload(int w, int h, long stream) {
        driver.check(copy.copyAsync(true, host, (long) w * FLOAT, device, pitch, (long) w * FLOAT, h, stream),
                "cuMemcpy2DAsync(host to device)");
    }

    /** Copies the pitched device rows of a {@code w x h} block into dense host staging. */
    void download(int w, int h, long stream) {
        driver.check(copy.copyAsync(false, host, (long) w * FLOAT, device, pitch, (long) w * FLOAT, h, stream),
                "cuMemcpy2DAsync(device to host)");
    }

    void uploadLinear(long n, long stream) {
        driver.check(driver.cuMemcpyHtoDAsync(device, host, n * FLOAT, stream), "cuMemcpyHtoDAsync");
    }

    void downloadLinear(long n, long stream) {
        driver.check(driver.cuMemcpyDtoHAsync(host, device, n * FLOAT, stream), "cuMemcpyDtoHAsync");
    }

    private void freeHost() {
        if (host != 0) {
            driver.cuMemFreeHost(host);
            host = 0;
            hostFloats = null;
            hostCapacity = 0;
        }
    }

    private void freeDevice() {
        if (device != 0) {
            driver.cuMemFree(device);
            device = 0;
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
