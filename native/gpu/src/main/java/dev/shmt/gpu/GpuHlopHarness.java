package dev.shmt.gpu;

import dev.shmt.api.GpuKernel;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.api.gpu.GpuKernelRef;

/**
 * One HLOP on the calling thread, without the scheduler, for benchmarks that compare bindings:
 * {@link #run} does all a gpu worker does (stage the inputs, copy, launch, copy back, synchronize, write the
 * output); {@link #traffic} issues only the driver calls of a one-input stencil tile, on buffers staged
 * once. The caller owns the thread and closes the harness before the device.
 */
public final class GpuHlopHarness implements AutoCloseable {
    private static final int FLOAT = Float.BYTES;

    private final GpuDevice gpu;
    private final CudaDriver driver;
    private final GpuStream stream;
    private final long trafficStream;
    private final ArgBuffer in;
    private final ArgBuffer out;
    private final CudaDriver.KernelArgs args;

    public GpuHlopHarness(GpuDevice gpu) {
        if (gpu.context() == null) {
            throw new IllegalArgumentException("gpu: the device is unavailable: " + gpu.status().cause());
        }
        this.gpu = gpu;
        this.driver = gpu.context().driver();
        gpu.context().makeCurrent();
        this.stream = new GpuStream(driver);
        long[] s = new long[1];
        driver.check(driver.cuStreamCreate(s, CudaDriver.CU_STREAM_NON_BLOCKING), "cuStreamCreate");
        this.trafficStream = s[0];
        this.in = new ArgBuffer(driver);
        this.out = new ArgBuffer(driver);
        this.args = driver.newKernelArgs();
    }

    /** Runs {@code call}'s kernel over {@code region} once, as a gpu worker does. */
    public void run(VopCall call, Region region) {
        GpuKernelRef ref = call.implementation(GpuKernelRef.class);
        stream.run(kernel(ref), ref.launch(), ref.partial(), call, region, () -> true);
    }

    /**
     * The driver calls a worker makes for one {@code rows x cols} tile of the one-input stencil {@code ref}
     * with a {@code halo}: 2-D copy in, kernel parameters, launch, 2-D copy out, synchronize. On the null
     * stream ({@code nullStream}) a driver may run them on the calling thread, as the host stand-in does:
     * then no thread hand-off hides what the binding itself costs.
     */
    public void traffic(GpuKernelRef ref, int rows, int cols, int halo, boolean nullStream) {
        long kernel = kernel(ref);
        long trafficStream = nullStream ? 0 : this.trafficStream;
        int w = cols + 2 * halo;
        int h = rows + 2 * halo;
        in.host((long) w * h);
        long inPitch = in.matrix(w, h);
        out.host((long) rows * cols);
        long outPitch = out.matrix(cols, rows);
        in.upload(w, h, trafficStream);
        args.clear();
        args.pointer(in.device() + halo * inPitch + (long) halo * FLOAT);
        args.i32((int) (inPitch / FLOAT));
        args.pointer(out.device());
        args.i32((int) (outPitch / FLOAT));
        args.i32(rows);
        args.i32(cols);
        KernelLaunch.launch(driver, kernel, GpuKernel.Launch.PER_CELL, rows, cols, trafficStream, args);
        out.download(cols, rows, trafficStream);
        driver.check(driver.cuStreamSynchronize(trafficStream), "cuStreamSynchronize");
    }

    private long kernel(GpuKernelRef ref) {
        return gpu.context().modules().function(GpuDevice.class.getClassLoader(), ref.resource(), ref.function());
    }

    @Override
    public void close() {
        gpu.context().makeCurrent();
        stream.close();
        in.close();
        out.close();
        driver.cuStreamDestroy(trafficStream);
    }
}
