package dev.shmt.gpu;

import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.api.gpu.GpuKernelRef;

/**
 * One HLOP's whole driver traffic on the calling thread, without the scheduler: stage the inputs, copy
 * them over, launch, copy back, synchronize, write the output. For benchmarks that compare bindings; the
 * caller owns the thread and closes the harness before the device.
 */
public final class GpuHlopHarness implements AutoCloseable {
    private final GpuDevice gpu;
    private final GpuStream stream;

    public GpuHlopHarness(GpuDevice gpu) {
        if (gpu.context() == null) {
            throw new IllegalArgumentException("gpu: the device is unavailable: " + gpu.status().cause());
        }
        this.gpu = gpu;
        gpu.context().makeCurrent();
        this.stream = new GpuStream(gpu.context().driver());
    }

    /** Runs {@code call}'s kernel over {@code region} once. */
    public void run(VopCall call, Region region) {
        GpuKernelRef ref = call.implementation(GpuKernelRef.class);
        long kernel = gpu.context().modules().function(GpuDevice.class.getClassLoader(), ref.resource(), ref.function());
        stream.run(kernel, ref.launch(), ref.partial(), call, region, () -> true);
    }

    @Override
    public void close() {
        gpu.context().makeCurrent();
        stream.close();
    }
}
