package dev.shmt.gpu;

import dev.shmt.api.FloatArray;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.GpuKernel;
import dev.shmt.api.Partition;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.api.gpu.GpuKernelRef;
import dev.shmt.runtime.device.TileStaging;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One worker thread's CUDA stream with its argument buffers. The device runs one stream per worker, so
 * while one HLOP's copies are in flight another's kernel runs: the double buffering of section 5.6.
 */
final class GpuStream implements AutoCloseable {
    private static final int FLOAT = Float.BYTES;

    private final CudaDriver driver;
    private final long stream;
    private final List<ArgBuffer> buffers = new ArrayList<>();
    private final PartialBuffer partials;
    private final CudaDriver.KernelArgs params;

    GpuStream(CudaDriver driver) {
        this.driver = driver;
        long[] s = new long[1];
        driver.check(driver.cuStreamCreate(s, CudaDriver.CU_STREAM_NON_BLOCKING), "cuStreamCreate");
        stream = s[0];
        partials = new PartialBuffer(driver);
        params = driver.newKernelArgs();
    }

    /**
     * Stages {@code region}'s inputs, runs {@code kernel} over it and writes its outputs back, if
     * {@code claim} still allows it once the results are in host memory. For a REDUCE kernel
     * ({@code partial} not null) it passes a zeroed partial-result buffer after the inputs and returns what
     * the kernel added into it, converted to the VOP's return type; otherwise it returns null.
     */
    Object run(long kernel, GpuKernel.Launch launch, GpuKernelRef.Partial partial, VopCall call, Region region,
            BooleanSupplier claim) {
        List<VopCall.Arg> args = call.args();
        params.clear();
        boolean oneD = call.partition() == Partition.ELEMENTWISE || call.partition() == Partition.REDUCE;
        for (int i = 0; i < args.size(); i++) {
            VopCall.Arg a = args.get(i);
            switch (a.role()) {
                case IN -> stageIn(buffer(i), a, call, region, oneD);
                case OUT -> prepareOut(buffer(i), a, region);
                case SCALAR -> scalar(a);
            }
        }
        if (partial != null) {
            params.pointer(partials.zeroed(partial.length(), stream));
        }
        params.i32(region.rows());
        params.i32(region.cols());
        if (launch == GpuKernel.Launch.PER_CELL_AT_ORIGIN) {
            params.i32(region.row());
            params.i32(region.col());
        }
        KernelLaunch.launch(driver, kernel, launch, region.rows(), region.cols(), stream, params);
        for (int i = 0; i < args.size(); i++) {
            VopCall.Arg a = args.get(i);
            if (a.role() == VopCall.Role.OUT) {
                if (a.value() instanceof FloatMatrix) {
                    buffers.get(i).download(region.cols(), region.rows(), stream);
                } else {
                    buffers.get(i).downloadLinear(region.length(), stream);
                }
            }
        }
        if (partial != null) {
            partials.download(partial.length(), stream);
        }
        driver.check(driver.cuStreamSynchronize(stream), "cuStreamSynchronize (after " + call.name() + ")");
        if (partial != null) {
            // Returned, not written into the caller's views: the scheduler drops a result whose HLOP the
            // watchdog moved meanwhile, so there is no output to claim.
            return partials.result(partial);
        }
        if (!claim.getAsBoolean()) {
            return null; // the watchdog gave this HLOP to another device while the GPU was busy
        }
        for (int i = 0; i < args.size(); i++) {
            VopCall.Arg a = args.get(i);
            if (a.role() == VopCall.Role.OUT) {
                writeBack(buffers.get(i), a.value(), region);
            }
        }
        return null;
    }

    private void stageIn(ArgBuffer b, VopCall.Arg a, VopCall call, Region region, boolean oneD) {
        if (a.value() instanceof FloatMatrix m) {
            int halo = call.halo();
            int w = region.cols() + 2 * halo;
            int h = region.rows() + 2 * halo;
            TileStaging.gather(m, region, halo, b.host((long) w * h), 0);
            long pitch = b.matrix(w, h);
            b.upload(w, h, stream);
            // The kernel gets the tile's first cell; it reads the halo before it.
            params.pointer(b.device() + halo * pitch + (long) halo * FLOAT);
            params.i32((int) (pitch / FLOAT));
        } else {
            FloatArray v = (FloatArray) a.value();
            // A 1-D call's arrays are cut by the region; in a 2-D call an array is a whole input (weights).
            int from = oneD ? region.start() : 0;
            int n = oneD ? region.length() : v.length();
            b.host(n).put(0, v.array(), v.offset() + from, n);
            b.linear(n);
            b.uploadLinear(n, stream);
            params.pointer(b.device());
        }
    }

    private void prepareOut(ArgBuffer b, VopCall.Arg a, Region region) {
        if (a.value() instanceof FloatMatrix) {
            b.host(region.elements());
            long pitch = b.matrix(region.cols(), region.rows());
            params.pointer(b.device());
            params.i32((int) (pitch / FLOAT));
        } else {
            b.host(region.length());
            b.linear(region.length());
            params.pointer(b.device());
        }
    }

    private void scalar(VopCall.Arg a) {
        Object v = a.value();
        if (v instanceof Float f) {
            params.f32(f);
            return;
        } else if (v instanceof Integer i) {
            params.i32(i);
            return;
        } else if (v instanceof Double d) {
            params.f64(d);
            return;
        } else if (v instanceof Long l) {
            params.i64(l);
            return;
        }
        throw new GpuException("argument '" + a.name() + "': a GPU kernel takes float, int, double or long scalars, not "
                + (v == null ? "null" : v.getClass().getSimpleName()));
    }

    private static void writeBack(ArgBuffer b, Object view, Region region) {
        FloatBuffer host = b.host(0);
        if (view instanceof FloatMatrix out) {
            float[] data = out.array();
            int at = out.offset() + region.row() * out.stride() + region.col();
            for (int r = 0; r < region.rows(); r++) {
                host.get(r * region.cols(), data, at + r * out.stride(), region.cols());
            }
        } else {
            FloatArray out = (FloatArray) view;
            host.get(0, out.array(), out.offset() + region.start(), region.length());
        }
    }

    /** Argument {@code i}'s host staging, or null: what the host reads a result from after synchronizing. */
    FloatBuffer stagingOf(int i) {
        return i < buffers.size() ? buffers.get(i).host(0) : null;
    }

    private ArgBuffer buffer(int i) {
        while (buffers.size() <= i) {
            buffers.add(new ArgBuffer(driver));
        }
        return buffers.get(i);
    }

    /** Frees the buffers and the stream; the context must be current. */
    @Override
    public void close() {
        for (ArgBuffer b : buffers) {
            b.close();
        }
        buffers.clear();
        partials.close();
        driver.cuStreamDestroy(stream);
    }
}
