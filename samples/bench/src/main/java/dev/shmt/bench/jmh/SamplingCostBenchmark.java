package dev.shmt.bench.jmh;

import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Partition;
import dev.shmt.api.QawsSettings;
import dev.shmt.api.Region;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.api.VopCall;
import dev.shmt.examples.FiltersVops;
import dev.shmt.runtime.partition.Hints;
import dev.shmt.runtime.partition.Partitioner;
import dev.shmt.runtime.qaws.Assessment;
import dev.shmt.runtime.qaws.Sampler;
import dev.shmt.runtime.qaws.TileSampling;
import java.util.List;
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
 * What QAWS sampling costs against the work it schedules (section 5.2: a costly sampler makes SHMT
 * unusable). {@code sampling} is one call's sampling of a {@value #SIZE} x {@value #SIZE} input in the
 * default 256 x 256 tiles at the default rate (2^-15, at least 32 samples a tile) with the sampler
 * {@code sampler} names; {@code stencilCall} is one 3 x 3 sharpen call over the same image on the CPU
 * device under {@code ws}. Sampling's share of the call is {@code sampling / stencilCall}; the aim is at
 * most 1%. Microseconds per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SamplingCostBenchmark {
    static final int SIZE = 2048;

    private Shmt runtime;
    private FloatMatrix src;
    private FloatMatrix dst;
    private VopCall samplingCall;
    private List<Region> regions;

    /** The sampler, in a state of its own so that only {@code sampling} runs once per sampler. */
    @State(Scope.Benchmark)
    public static class Choice {
        @Param({"s", "u", "r"})
        String sampler;

        Sampler chosen;

        @Setup
        public void setUp() {
            chosen = Sampler.forCode(sampler.charAt(0));
        }
    }

    @Setup
    public void setUp() {
        runtime = Shmt.builder().devices("cpu").policy("ws").build();
        src = FloatMatrix.create(SIZE, SIZE);
        dst = FloatMatrix.create(SIZE, SIZE);
        SplittableRandom rnd = new SplittableRandom(1);
        float[] a = src.array();
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextDouble(0, 255);
        }
        // The same tiles and input view a qaws policy samples for sharpen3; the kernel is never run.
        samplingCall = VopCall.builder("sharpen3", Partition.TILE_2D).shape(SIZE, SIZE).halo(1)
                .arg("src", VopCall.Role.IN, src).arg("dst", VopCall.Role.OUT, dst)
                .cpu(region -> null).build();
        regions = Partitioner.split(samplingCall, Hints.NONE);
    }

    @TearDown
    public void tearDown() {
        runtime.close();
    }

    @Benchmark
    public Assessment sampling(Choice choice) {
        return TileSampling.assess(samplingCall, regions, choice.chosen, QawsSettings.DEFAULTS);
    }

    @Benchmark
    public Report stencilCall() {
        return FiltersVops.sharpen3(runtime, src, dst);
    }
}
