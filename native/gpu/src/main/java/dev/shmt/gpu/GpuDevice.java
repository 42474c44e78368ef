package dev.shmt.gpu;

import dev.shmt.api.DeviceKind;
import dev.shmt.api.Partition;
import dev.shmt.api.Precision;
import dev.shmt.api.VopCall;
import dev.shmt.api.gpu.GpuKernelRef;
import dev.shmt.runtime.spi.BaseDevice;
import dev.shmt.runtime.spi.DeviceGrants;
import dev.shmt.runtime.spi.DeviceStatus;
import dev.shmt.runtime.spi.Hlop;
import java.util.ArrayList;
import java.util.List;

/**
 * The paper's GPU: an NVIDIA GPU through the CUDA driver API, bound by JCuda or JNA ({@link CudaBinding}). It runs a VOP's {@code @GpuKernel} in fp32
 * with one CUDA stream per worker thread, so copies of one HLOP overlap the kernel of another. A REDUCE
 * kernel adds into a zeroed partial-result buffer of its stream, which comes back as the HLOP's result
 * ({@link dev.shmt.api.GpuKernel#partialLength()}). When the driver, a GPU or a supported architecture is
 * missing, the device is listed unavailable with the cause.
 */
public final class GpuDevice extends BaseDevice {
    /**
     * The device's own kernel (src/main/cuda/dev/shmt/gpu/probe.cu), loaded when it opens. native/gpu/cuda/build.sh
     * builds every module's kernels alike, so the image the driver takes of it (fatbin SASS, PTX ISA 8.0 or 6.5
     * JIT) is the one the VOPs' kernels will take: {@link #detail()} reports it, and a driver or GPU that takes
     * none is caught here rather than at a VOP's first HLOP.
     */
    static final String PROBE = "dev/shmt/gpu/probe.ptx";

    private final GpuInfo gpu;
    private final CudaProbe probe;
    private final String cause;
    private final GpuContext context;
    private final String kernels;
    private final ThreadLocal<GpuStream> streams = new ThreadLocal<>();
    private final List<GpuStream> allStreams = new ArrayList<>();
    private boolean closed;

    private GpuDevice(String name, int threads, GpuInfo gpu, CudaProbe probe, String cause, GpuContext context,
            String kernels) {
        super(name, DeviceKind.GPU, Precision.FP32, threads);
        this.gpu = gpu;
        this.probe = probe;
        this.cause = cause;
        this.context = context;
        this.kernels = kernels;
    }

    /** Every GPU the driver lists, none withheld. */
    public static List<GpuDevice> detect(int streams) {
        return detect(streams, DeviceGrants.ALL);
    }

    /**
     * One device per GPU the driver lists ("gpu", then "gpu1", ...), or one unavailable "gpu" saying why.
     * GPUs not in {@code grants} are listed unavailable without a context: another process may own them.
     */
    public static List<GpuDevice> detect(int streams, DeviceGrants grants) {
        CudaProbe probe = CudaProbe.get();
        if (probe.cause() != null) {
            return List.of(unavailable("gpu", probe.cause()));
        }
        if (probe.gpus().isEmpty()) {
            return List.of(unavailable("gpu", "NVIDIA driver (CUDA " + CudaProbe.version(probe.driverVersion())
                    + ") lists no GPU"));
        }
        List<GpuDevice> out = new ArrayList<>();
        for (GpuInfo g : probe.gpus()) {
            String name = g.ordinal() == 0 ? "gpu" : "gpu" + g.ordinal();
            String refusal = grants.refusal(name);
            out.add(refusal != null ? new GpuDevice(name, 1, g, probe, refusal, null, "")
                    : open(name, g, probe, streams));
        }
        return out;
    }

    static GpuDevice unavailable(String name, String cause) {
        return new GpuDevice(name, 1, null, null, cause, null, "");
    }

    private static GpuDevice open(String name, GpuInfo g, CudaProbe probe, int streams) {
        if (!g.supported()) {
            return new GpuDevice(name, 1, g, probe, "GPU " + g.ordinal() + " (" + g.name() + ") is " + g.arch()
                    + "; the shipped kernels need sm_" + GpuInfo.MIN_ARCH + " (Jetson Nano) or newer", null, "");
        }
        GpuContext ctx = null;
        try {
            ctx = new GpuContext(probe.driver(), g, probe.driverVersion());
            String kernels = ctx.modules().load(GpuDevice.class.getClassLoader(), PROBE);
            return new GpuDevice(name, streams, g, probe, null, ctx, kernels);
        } catch (GpuException | IllegalArgumentException e) {
            if (ctx != null) {
                ctx.close();
            }
            return new GpuDevice(name, 1, g, probe, g.line() + ": " + e.getMessage(), null, "");
        }
    }

    /** The GPU's context; null when the device is unavailable. For tools that drive kernels directly. */
    GpuContext context() {
        return context;
    }

    /**
     * For tools that drive the driver API directly (the bench's bandwidth figures): makes this device's
     * context current on the calling thread and returns its binding.
     *
     * @throws IllegalStateException when the device is unavailable
     */
    public CudaDriver driverOnThisThread() {
        if (context == null) {
            throw new IllegalStateException(name() + " is unavailable: " + cause);
        }
        context.makeCurrent();
        return context.driver();
    }

    /** The {@code CUfunction} of {@code function} in the PTX (or fatbin) resource, loaded once per context. */
    public long function(ClassLoader loader, String resource, String function) {
        driverOnThisThread();
        return context.modules().function(loader, resource, function);
    }

    @Override
    public DeviceStatus status() {
        return cause == null ? DeviceStatus.available() : DeviceStatus.unavailable(cause);
    }

    /**
     * "NVIDIA H100 80GB HBM3, sm_90, 132 SMs, 79.2 GiB; driver CUDA 12.8; binding jcuda 12.6.0; kernels: fatbin
     * SASS sm_90".
     */
    @Override
    public String detail() {
        return cause != null ? "" : gpu.line() + "; driver CUDA " + CudaProbe.version(probe.driverVersion()) + "; "
                + probe.bindingLine() + "; kernels: " + kernels;
    }

    /** The binding that reached the driver ("jna 5.17.0"), or "" when none did. */
    public String binding() {
        return probe == null || probe.driver() == null ? "" : probe.driver().binding();
    }

    /** The line users read: {@code gpu (NVIDIA H100 ..., sm_90, ...)} or {@code gpu: unavailable: <cause>}. */
    public String statusLine() {
        return cause != null ? name() + ": unavailable: " + cause : name() + " (" + detail() + ")";
    }

    /** Results go from device memory to staging first, so a hung HLOP's late result can be discarded. */
    @Override
    public boolean stagesOutput() {
        return true;
    }

    /** A kernel, and for a REDUCE call one that declares its partial result (which the kernel adds into). */
    @Override
    public boolean supports(VopCall call) {
        GpuKernelRef ref = call.implementation(GpuKernelRef.class);
        return cause == null && ref != null && (call.partition() == Partition.REDUCE) == (ref.partial() != null);
    }

    /** A REDUCE kernel without a partial result, or a partial on another model, is declined as such. */
    @Override
    public String whyNot(VopCall call) {
        GpuKernelRef ref = call.implementation(GpuKernelRef.class);
        if (cause == null && ref != null && call.partition() == Partition.REDUCE && ref.partial() == null) {
            return call.name() + " is a REDUCE, but its kernel " + ref.function() + " declares no partial result"
                    + " (@GpuKernel partialLength) for the GPU to zero, pass and read back";
        }
        if (cause == null && ref != null && call.partition() != Partition.REDUCE && ref.partial() != null) {
            return call.name() + " is a " + call.partition() + ", but its kernel " + ref.function()
                    + " declares a partial result, which only REDUCE kernels have";
        }
        return super.whyNot(call);
    }

    @Override
    public Object run(Hlop hlop) {
        VopCall call = hlop.call();
        GpuKernelRef ref = call.implementation(GpuKernelRef.class);
        ClassLoader loader = ref.owner().getClassLoader() != null ? ref.owner().getClassLoader()
                : ClassLoader.getSystemClassLoader();
        GpuStream s = stream();
        long kernel = context.modules().function(loader, ref.resource(), ref.function());
        return s.run(kernel, ref.launch(), ref.partial(), call, hlop.region(), hlop::claimOutput);
    }

    /** The calling worker's stream, created (with the context made current) on its first HLOP. */
    private GpuStream stream() {
        GpuStream s = streams.get();
        if (s == null) {
            context.makeCurrent();
            s = new GpuStream(context.driver());
            streams.set(s);
            synchronized (allStreams) {
                allStreams.add(s);
            }
        }
        return s;
    }

    /** Frees the streams and releases the context; later calls do nothing. */
    @Override
    public void close() {
        synchronized (allStreams) {
            if (context == null || closed) {
                return;
            }
            closed = true;
        }
        context.makeCurrent();
        synchronized (allStreams) {
            for (GpuStream s : allStreams) {
                s.close();
            }
            allStreams.clear();
        }
        context.close();
    }
}
