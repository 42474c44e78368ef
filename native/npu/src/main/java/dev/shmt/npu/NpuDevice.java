package dev.shmt.npu;

import dev.shmt.api.DeviceKind;
import dev.shmt.api.Precision;
import dev.shmt.api.Report;
import dev.shmt.api.VopCall;
import dev.shmt.api.npu.NpuContext;
import dev.shmt.api.npu.NpuInterpreter;
import dev.shmt.api.npu.NpuKernel;
import dev.shmt.runtime.spi.BaseDevice;
import dev.shmt.npu.edgetpu.EdgeTpuPower;
import dev.shmt.runtime.spi.DeviceStatus;
import dev.shmt.runtime.spi.EnergyChannel;
import dev.shmt.runtime.spi.Hlop;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * The paper's NPU: int8 TFLite models on an Edge TPU when one is listed, on TFLite's CPU kernels
 * (XNNPACK) otherwise. Which of the two it is, and why, is in {@link #detail()} and so in every listing
 * and report: the fallback is never silent.
 */
public final class NpuDevice extends BaseDevice {
    private final NpuBackend backend;
    private final NpuModels models;
    /** The Edge TPU's modelled energy; null on TFLite's CPU kernels, which the CPU's meters see. */
    private final EdgeTpuPower power;

    NpuDevice(NpuBackend backend, int threads) {
        super("npu", DeviceKind.NPU, Precision.INT8, threads);
        this.backend = backend;
        this.models = new NpuModels(backend, 1);
        this.power = backend.onEdgeTpu() ? new EdgeTpuPower() : null;
    }

    /**
     * Detects the backend from the environment (see {@code SHMT_NPU}, {@code SHMT_EDGETPU_LIBRARY},
     * {@code SHMT_EDGETPU_PROBE}, {@code SHMT_EDGETPU_PROBE_TIMEOUT}).
     */
    public static NpuDevice detect(int threads) {
        NpuBackend b = NpuBackend.detect();
        // One Edge TPU runs one model at a time: more workers would only queue on it.
        return new NpuDevice(b, b.onEdgeTpu() ? 1 : threads);
    }

    /** A device that cannot run, listed with {@code why}. */
    static NpuDevice unavailable(String why) {
        return new NpuDevice(NpuBackend.failed(why), 1);
    }

    @Override
    public DeviceStatus status() {
        return backend.unavailable() == null ? DeviceStatus.available() : DeviceStatus.unavailable(backend.unavailable());
    }

    /** "edgetpu usb:0, runtime X" or "tflite-cpu: no libedgetpu.so.1", with TFLite's version. */
    @Override
    public String detail() {
        return backend.unavailable() != null ? "" : backend.line() + "; TensorFlow Lite " + backend.tfliteVersion();
    }

    /** The one-line status users read: {@code npu (tflite-cpu): no libedgetpu.so.1}, {@code npu (edgetpu usb:0, runtime X)}. */
    public String statusLine() {
        if (backend.unavailable() != null) {
            return name() + ": unavailable: " + backend.unavailable();
        }
        String line = backend.line();
        int colon = line.indexOf(": ");
        return backend.onEdgeTpu() || colon < 0 ? name() + " (" + line + ")"
                : name() + " (" + line.substring(0, colon) + "): " + line.substring(colon + 2);
    }

    /**
     * What the Edge TPU delegate's probe in a child process decided, in one line; null when no Edge
     * TPU was listed or tried. See {@code dev.shmt.npu.edgetpu.EdgeTpuProbe}.
     */
    public String edgeTpuProbe() {
        return backend.probe();
    }

    /** True when HLOPs run on an Edge TPU rather than TFLite's CPU kernels. */
    public boolean onEdgeTpu() {
        return backend.onEdgeTpu();
    }

    /** On TFLite's CPU kernels the NPU computes on host cores, and needs its own like the CPU device. */
    @Override
    public boolean computesOnHost() {
        return !backend.onEdgeTpu();
    }

    @Override
    public boolean supports(VopCall call) {
        NpuKernel kernel = call.implementation(NpuKernel.class);
        return backend.unavailable() == null && kernel != null && kernel.impossible() == null;
    }

    /** A VOP whose int8 form is declared impossible says why; otherwise the usual line. */
    @Override
    public String whyNot(VopCall call) {
        NpuKernel kernel = call.implementation(NpuKernel.class);
        if (backend.unavailable() == null && kernel != null && kernel.impossible() != null) {
            return "no int8 form of " + call.name() + ": " + kernel.impossible();
        }
        return super.whyNot(call);
    }

    /** NPU kernels compute into tensors and scratch, and claim the output before writing it. */
    @Override
    public boolean stagesOutput() {
        return true;
    }

    @Override
    public Object run(Hlop hlop) throws Exception {
        VopCall call = hlop.call();
        long start = power == null ? 0 : System.nanoTime();
        try {
            return call.implementation(NpuKernel.class).run(new HlopContext(models, hlop), call, hlop.region());
        } finally {
            if (power != null) {
                power.busy(System.nanoTime() - start);
            }
        }
    }

    /** On an Edge TPU, its datasheet power over its busy time; null on TFLite's CPU kernels. */
    @Override
    public EnergyChannel energyModel() {
        return power == null ? null : power.channel();
    }

    /** The device's models, plus the HLOP whose output a kernel claims. */
    private record HlopContext(NpuModels models, Hlop hlop) implements NpuContext {
        @Override
        public NpuInterpreter interpreter(String key, Supplier<ByteBuffer> model) {
            return models.interpreter(key, model);
        }

        @Override
        public boolean claimOutput() {
            return hlop.claimOutput();
        }

        @Override
        public void quantized(int step, double saturated) {
            hlop.quantized(new Report.Quantization(step, saturated));
        }
    }

    /**
     * The device's model and interpreter caches as the calling thread sees them: what its kernels get
     * on a worker thread. For benchmarks and tools that drive an {@code NpuKernel} directly.
     */
    public NpuContext context() {
        return models;
    }

    /** Models built so far (one per tile shape and kernel). */
    public int modelCount() {
        return models.modelCount();
    }

    /** Interpreters created so far over all worker threads (at most models x threads). */
    public int interpreterCount() {
        return models.interpreterCount();
    }

    @Override
    public void close() {
        models.close();
    }
}
