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
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUfunction;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JCudaDriver;

/**
 * One worker thread's CUDA stream with its argument buffers. The device runs one stream per worker, so
 * while one HLOP's copies are in flight another's kernel runs: the double buffering of section 5.6.
 */
final class GpuStream implements AutoCloseable {
    private final CUstream stream = new CUstream();
    private final List<ArgBuffer> buffers = new ArrayList<>();
    private final PartialBuffer partials = new PartialBuffer();

    GpuStream() {
        Cuda.check(JCudaDriver.cuStreamCreate(stream, CUstream_flags.CU_STREAM_NON_BLOCKING), "cuStreamCreate");
    }

    /**
     * Stages {@code region}'s inputs, runs {@code kernel} over it and writes its outputs back, if
     * {@code claim} still allows it once the results are in host memory. For a REDUCE kernel
     * ({@code partial} not null) it passes a zeroed partial-result buffer after the inputs and returns what
     * the kernel added into it, converted to the VOP's return type; otherwise it returns null.
     */
    Object run(CUfunction kernel, GpuKernel.Launch launch, GpuKernelRef.Partial partial, VopCall call, Region region,
            BooleanSupplier claim) {
        List<VopCall.Arg> args = call.args();
        List<NativePointerObject> params = new ArrayList<>(args.size() * 2 + 2);
        boolean oneD = call.partition() == Partition.ELEMENTWISE || call.partition() == Partition.REDUCE;
        for (int i = 0; i < args.size(); i++) {
            VopCall.Arg a = args.get(i);
            switch (a.role()) {
                case IN -> stageIn(buffer(i), a, call, region, oneD, params);
                case OUT -> prepareOut(buffer(i), a, region, params);
                case SCALAR -> params.add(scalar(a));
            }
        }
        if (partial != null) {
            params.add(Pointer.to(partials.zeroed(partial.length(), stream)));
        }
        params.add(Pointer.to(new int[] {region.rows()}));
        params.add(Pointer.to(new int[] {region.cols()}));
        if (launch == GpuKernel.Launch.PER_CELL_AT_ORIGIN) {
            params.add(Pointer.to(new int[] {region.row()}));
            params.add(Pointer.to(new int[] {region.col()}));
        }
        KernelLaunch.launch(kernel, launch, region.rows(), region.cols(), stream,
                Pointer.to(params.toArray(new NativePointerObject[0])));
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
        Cuda.check(JCudaDriver.cuStreamSynchronize(stream), "cuStreamSynchronize (after " + call.name() + ")");
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

    private void stageIn(ArgBuffer b, VopCall.Arg a, VopCall call, Region region, boolean oneD,
            List<NativePointerObject> params) {
        if (a.value() instanceof FloatMatrix m) {
            int halo = call.halo();
            int w = region.cols() + 2 * halo;
            int h = region.rows() + 2 * halo;
            TileStaging.gather(m, region, halo, b.host((long) w * h), 0);
            long pitch = b.matrix(w, h);
            b.upload(w, h, stream);
            // The kernel gets the tile's first cell; it reads the halo before it.
            params.add(Pointer.to(b.device().withByteOffset(halo * pitch + (long) halo * Sizeof.FLOAT)));
            params.add(Pointer.to(new int[] {(int) (pitch / Sizeof.FLOAT)}));
        } else {
            FloatArray v = (FloatArray) a.value();
            // A 1-D call's arrays are cut by the region; in a 2-D call an array is a whole input (weights).
            int from = oneD ? region.start() : 0;
            int n = oneD ? region.length() : v.length();
            b.host(n).put(0, v.array(), v.offset() + from, n);
            b.linear(n);
            b.uploadLinear(n, stream);
            params.add(Pointer.to(b.device()));
        }
    }

    private static void prepareOut(ArgBuffer b, VopCall.Arg a, Region region, List<NativePointerObject> params) {
        if (a.value() instanceof FloatMatrix) {
            b.host(region.elements());
            long pitch = b.matrix(region.cols(), region.rows());
            params.add(Pointer.to(b.device()));
            params.add(Pointer.to(new int[] {(int) (pitch / Sizeof.FLOAT)}));
        } else {
            b.host(region.length());
            b.linear(region.length());
            params.add(Pointer.to(b.device()));
        }
    }

    private static Pointer scalar(VopCall.Arg a) {
        Object v = a.value();
        if (v instanceof Float f) {
            return Pointer.to(new float[] {f});
        } else if (v instanceof Integer i) {
            return Pointer.to(new int[] {i});
        } else if (v instanceof Double d) {
            return Pointer.to(new double[] {d});
        } else if (v instanceof Long l) {
            return Pointer.to(new long[] {l});
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
            buffers.add(new ArgBuffer());
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
        JCudaDriver.cuStreamDestroy(stream);
    }
}
