package dev.shmt.bench.jmh;

import dev.shmt.api.Partition;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.api.VopCall;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The runtime's own cost per HLOP: one call of {@value #HLOPS} empty HLOPs through {@code ws} on the
 * CPU device, so the figure is partitioning, queueing, dispatch, completion, aggregation and the
 * report, with no kernel work. Result is microseconds per HLOP; {@code oneHlopCall} is the round
 * trip of a whole call of one HLOP (caller to worker to aggregator and back).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HlopOverheadBenchmark {
    static final int HLOPS = 10_000;

    @Param({"1", "2"})
    int cpuThreads;

    private Shmt runtime;
    private VopCall call;
    private VopCall oneHlop;

    @Setup
    public void setUp() {
        runtime = Shmt.builder().devices("cpu").cpuThreads(cpuThreads).policy("ws").build();
        // One page per HLOP, the smallest chunk the partitioner makes.
        call = VopCall.builder("empty", Partition.ELEMENTWISE).length(HLOPS * 1024).chunkHint(1024)
                .cpu(region -> null).build();
        oneHlop = VopCall.builder("one", Partition.ELEMENTWISE).length(1024).cpu(region -> null).build();
    }

    @TearDown
    public void tearDown() {
        runtime.close();
    }

    @Benchmark
    @OperationsPerInvocation(HLOPS)
    public Report emptyHlops() {
        return runtime.execute(call);
    }

    /** Round trip of a call with one empty HLOP: the latency floor a caller sees. */
    @Benchmark
    public Report oneHlopCall() {
        return runtime.execute(oneHlop);
    }
}
