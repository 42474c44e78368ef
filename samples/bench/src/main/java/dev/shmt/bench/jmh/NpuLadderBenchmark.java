package dev.shmt.bench.jmh;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Partition;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.api.npu.NpuInterpreter;
import dev.shmt.api.npu.NpuKernel;
import dev.shmt.apps.Input;
import dev.shmt.apps.common.ImageInput;
import dev.shmt.apps.sobel.SobelNpu;
import dev.shmt.npu.NpuDevice;
import dev.shmt.npu.kernels.OutputScale;
import dev.shmt.npu.kernels.StencilModel;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the output-scale ladder costs, on Sobel's 256 x 256 tiles of the bundled photographs:
 * {@code buildModel} writes one ladder step's flatbuffer, {@code firstHlop} builds a model and its
 * interpreter and runs one HLOP on it (what each step costs once per tile shape and worker), and
 * {@code hlop} runs a steady HLOP (the sparse look, the invoke, the host's recomputing of what saturated)
 * under {@code scale}: {@code worst} against {@code p99.9} is the ladder's cost per HLOP.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dshmt.npu=tflite-cpu"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class NpuLadderBenchmark {
    static final int N = 2048;
    static final int T = 256;

    @Param({"worst", "p99.9"})
    public String scale;

    private final SobelNpu kernel = new SobelNpu();
    private StencilModel model;
    private FloatMatrix src;
    private FloatMatrix dst;
    private VopCall call;
    private NpuDevice device;
    private FloatMatrix tile;
    private int next;
    private long fresh;

    @Setup
    public void setUp() {
        System.setProperty(OutputScale.PROPERTY, scale);
        model = kernel.model();
        src = ImageInput.image(Input.photos(), N, 42).withBorder(Border.REFLECT_101);
        dst = FloatMatrix.create(N, N);
        call = VopCall.builder("Sobel.sobel", Partition.TILE_2D).shape(N, N).halo(1).border(Border.REFLECT_101)
                .tileHint(T, T).arg("src", VopCall.Role.IN, src).arg("dst", VopCall.Role.OUT, dst)
                .implementation(NpuKernel.class, kernel).build();
        device = NpuDevice.detect(1);
        tile = src.tile(new Region(0, 0, T, T), 1);
    }

    @TearDown
    public void tearDown() {
        device.close();
        System.clearProperty(OutputScale.PROPERTY);
    }

    /** One ladder step's model as a flatbuffer (step 4: half the worst case's range squared away). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public ByteBuffer buildModel() {
        return model.build(T, T, 4);
    }

    /** A model never built before, its interpreter, and one HLOP on it: once per step, shape and worker. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 3, batchSize = 1)
    @Measurement(iterations = 20, batchSize = 1)
    public void firstHlop() {
        String key = "ladder-benchmark-" + fresh++;
        NpuInterpreter it = device.context().interpreter(key, () -> model.build(T, T, 4));
        it.input(0).write(tile, 1, model.inputRowStart(), model.inputRowLength(T), 0f, 1f);
        it.invoke();
    }

    /** A steady HLOP, the 64 tiles in turn, under {@link #scale}. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public void hlop() {
        int i = next++ & 63;
        kernel.run(device.context(), call, new Region((i / 8) * T, (i % 8) * T, T, T));
    }
}
