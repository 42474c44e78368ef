package dev.shmt.bench.jmh;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Partition;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.api.gpu.GpuKernelRef;
import dev.shmt.gpu.GpuDevice;
import dev.shmt.gpu.GpuHlopHarness;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * One Sobel HLOP (256 x 256 tile, one-cell halo, one stream) under each CUDA binding, JCuda's JNI and JNA's
 * direct mapping: {@code traffic} is its driver calls alone (2-D copy in, kernel parameters, launch, 2-D
 * copy out, synchronize), on the harness's stream and on the null stream; {@code hlop} adds what a gpu worker does around them (gathering the tile into
 * page-locked staging, writing the result back). Each binding runs in its own forks (a JVM binds one). Run
 * it against the host CUDA stand-in with its work skipped, so the figure is the calls and not the host's
 * memcpy and Sobel:
 * {@code LD_LIBRARY_PATH=$(native/gpu/cuda/standin.sh) SHMT_CUDA_STANDIN_WORK=skip ./shmt jmh GpuBinding}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
public class GpuBindingBenchmark {
    static final int TILE = 256;

    @Param({"jcuda", "jna"})
    String binding;

    private GpuDevice gpu;
    private GpuHlopHarness harness;
    private GpuKernelRef sobel;
    private VopCall call;
    private Region tile;

    @Setup
    public void setUp() {
        System.setProperty("shmt.cuda.binding", binding); // before the first probe: one binding per JVM
        gpu = GpuDevice.detect(1).get(0);
        if (!gpu.status().isAvailable() || !gpu.binding().startsWith(binding + " ")) {
            throw new IllegalStateException("no gpu through " + binding + ": " + gpu.statusLine());
        }
        FloatMatrix src = FloatMatrix.create(TILE, TILE);
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < TILE * TILE; i++) {
            src.array()[i] = (float) rnd.nextDouble(255);
        }
        FloatMatrix dst = FloatMatrix.create(TILE, TILE);
        sobel = new GpuKernelRef(GpuDevice.class, "dev/shmt/apps/sobel/sobel.ptx", "sobel3");
        call = VopCall.builder("sobel3", Partition.TILE_2D).shape(TILE, TILE).halo(1).border(Border.REFLECT_101)
                .tileHint(TILE, TILE).arg("src", VopCall.Role.IN, src.withBorder(Border.REFLECT_101))
                .arg("dst", VopCall.Role.OUT, dst).implementation(GpuKernelRef.class, sobel).build();
        tile = new Region(0, 0, TILE, TILE);
        harness = new GpuHlopHarness(gpu);
    }

    @TearDown
    public void tearDown() {
        harness.close();
        gpu.close();
    }

    @Benchmark
    public void traffic() {
        harness.traffic(sobel, TILE, TILE, 1, false);
    }

    /** The same calls on the null stream, which the stand-in runs on the calling thread: the binding's cost. */
    @Benchmark
    public void trafficNullStream() {
        harness.traffic(sobel, TILE, TILE, 1, true);
    }

    @Benchmark
    public void hlop() {
        harness.run(call, tile);
    }
}
