package dev.shmt.bench.jmh;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Partition;
import dev.shmt.api.Region;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.api.VopCall;
import dev.shmt.api.npu.NpuKernel;
import dev.shmt.npu.NpuDevice;
import dev.shmt.npu.kernels.StencilKernel;
import dev.shmt.npu.kernels.StencilModel;
import dev.shmt.npu.quant.QuantParams;
import dev.shmt.npu.quant.ValueRange;
import dev.shmt.npu.tflite.LiteInterpreter;
import dev.shmt.npu.tflite.TfLiteLibrary;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorflowlite.TfLiteInterpreter;
import org.bytedeco.tensorflowlite.TfLiteInterpreterOptions;
import org.bytedeco.tensorflowlite.TfLiteModel;
import org.bytedeco.tensorflowlite.TfLiteQuantizationParams;
import org.bytedeco.tensorflowlite.TfLiteTensor;
import org.bytedeco.tensorflowlite.global.tensorflowlite;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One int8 3x3 stencil HLOP on a 1024 x 1024 tile, three ways: {@code bareCApi} calls TFLite's C API
 * directly on a pre-padded array (quantize into the input tensor, invoke, dequantize), the floor;
 * {@code npuKernel} runs the same model through our {@link NpuDevice}'s kernel path (cached
 * interpreter, halo and border staging from the matrix view); {@code npuRuntime} runs it as a whole
 * one-HLOP call through the runtime on the npu device. Both paths use XNNPACK with one thread.
 * Our overhead is {@code npuKernel / bareCApi - 1} (and {@code npuRuntime} for the whole call).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dshmt.npu=tflite-cpu"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
public class NpuStencilBenchmark {
    static final int N = 1024;
    static final float[] GAUSS = {1 / 16f, 2 / 16f, 1 / 16f, 2 / 16f, 4 / 16f, 2 / 16f, 1 / 16f, 2 / 16f, 1 / 16f};

    /** The stencil as a VOP's NPU implementation would name it. */
    public static final class Gauss3 extends StencilKernel {
        public Gauss3() {
            super(new StencilModel(GAUSS, 3, new ValueRange(0f, 1f)));
        }
    }

    private final Gauss3 kernel = new Gauss3();
    private FloatMatrix src;
    private FloatMatrix dst;
    private VopCall call;
    private NpuDevice device;
    private Shmt runtime;
    private final Region whole = new Region(0, 0, N, N);

    // The bare C API path's own state.
    private float[] padded;
    private int outRowLength;
    private float[] out;
    private byte[] qin;
    private byte[] qout;
    private BytePointer modelBytes;
    private TfLiteModel model;
    private TfLiteInterpreter interpreter;
    private com.sun.jna.Pointer xnnpack;
    private TfLiteTensor inTensor;
    private TfLiteTensor outTensor;
    private BytePointer inStage;
    private BytePointer outStage;
    private float inScale;
    private int inZero;
    private float outScale;
    private int outZero;

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(7);
        src = FloatMatrix.create(N, N);
        for (int r = 0; r < N; r++) {
            for (int c = 0; c < N; c++) {
                src.set(r, c, (float) rnd.nextDouble());
            }
        }
        dst = FloatMatrix.create(N, N);
        call = VopCall.builder("gauss3", Partition.TILE_2D).shape(N, N).halo(1).border(Border.CLAMP)
                .tileHint(N, N)
                .arg("src", VopCall.Role.IN, src).arg("dst", VopCall.Role.OUT, dst)
                .implementation(NpuKernel.class, kernel).build();
        device = NpuDevice.detect(1);
        runtime = Shmt.builder().devices("npu")
                .policy("single:npu").tileHint(N, N).build();
        setUpBare();
    }

    private void setUpBare() {
        TfLiteLibrary lib = TfLiteLibrary.get();
        // The model's own layout: rows of inputRowLength, the clamped tile with its halo at inputRowStart.
        StencilModel m = kernel.model();
        int rowLength = m.inputRowLength(N);
        int start = m.inputRowStart();
        padded = new float[(N + 2) * rowLength];
        for (int r = 0; r < N + 2; r++) {
            for (int c = 0; c < N + 2; c++) {
                padded[r * rowLength + start + c] = src.get(clamp(r - 1), clamp(c - 1));
            }
        }
        outRowLength = m.outputRowLength(N);
        out = new float[N * N];
        qin = new byte[padded.length];
        qout = new byte[N * outRowLength];
        ByteBuffer fb = kernel.model().build(N, N);
        byte[] bytes = new byte[fb.remaining()];
        fb.get(bytes);
        modelBytes = new BytePointer(bytes.length);
        modelBytes.put(bytes, 0, bytes.length);
        model = tensorflowlite.TfLiteModelCreate(modelBytes, bytes.length);
        TfLiteInterpreterOptions options = tensorflowlite.TfLiteInterpreterOptionsCreate();
        tensorflowlite.TfLiteInterpreterOptionsSetNumThreads(options, 1);
        xnnpack = lib.createXnnpack();
        tensorflowlite.TfLiteInterpreterOptionsAddDelegate(options, LiteInterpreter.opaque(xnnpack));
        interpreter = tensorflowlite.TfLiteInterpreterCreate(model, options);
        tensorflowlite.TfLiteInterpreterOptionsDelete(options);
        tensorflowlite.TfLiteInterpreterAllocateTensors(interpreter);
        inTensor = tensorflowlite.TfLiteInterpreterGetInputTensor(interpreter, 0);
        outTensor = tensorflowlite.TfLiteInterpreterGetOutputTensor(interpreter, 0);
        TfLiteQuantizationParams qi = tensorflowlite.TfLiteTensorQuantizationParams(inTensor);
        TfLiteQuantizationParams qo = tensorflowlite.TfLiteTensorQuantizationParams(outTensor);
        inScale = qi.scale();
        inZero = qi.zero_point();
        outScale = qo.scale();
        outZero = qo.zero_point();
        inStage = new BytePointer(qin.length);
        outStage = new BytePointer(qout.length);
    }

    private static int clamp(int i) {
        return Math.max(0, Math.min(N - 1, i));
    }

    @TearDown
    public void tearDown() {
        runtime.close();
        device.close();
        tensorflowlite.TfLiteInterpreterDelete(interpreter);
        TfLiteLibrary.get().deleteXnnpack(xnnpack);
        tensorflowlite.TfLiteModelDelete(model);
        modelBytes.close();
        inStage.close();
        outStage.close();
    }

    private static void check(int status) {
        if (status != tensorflowlite.kTfLiteOk) {
            throw new IllegalStateException("TFLite status " + status);
        }
    }

    @Benchmark
    public float[] bareCApi() {
        float inv = 1f / inScale;
        for (int i = 0; i < qin.length; i++) {
            // The same rounding rule as the device, so the difference is plumbing, not arithmetic.
            qin[i] = (byte) QuantParams.quantize(padded[i], inv, inZero, -128, 127);
        }
        inStage.put(qin, 0, qin.length);
        check(tensorflowlite.TfLiteTensorCopyFromBuffer(inTensor, inStage, qin.length));
        check(tensorflowlite.TfLiteInterpreterInvoke(interpreter));
        check(tensorflowlite.TfLiteTensorCopyToBuffer(outTensor, outStage, qout.length));
        outStage.get(qout, 0, qout.length);
        for (int r = 0; r < N; r++) {
            for (int c = 0, from = r * outRowLength; c < N; c++) {
                out[r * N + c] = (qout[from + c] - outZero) * outScale;
            }
        }
        return out;
    }

    @Benchmark
    public Object npuKernel() {
        return kernel.run(device.context(), call, whole);
    }

    @Benchmark
    public Report npuRuntime() {
        return runtime.execute(call);
    }
}
