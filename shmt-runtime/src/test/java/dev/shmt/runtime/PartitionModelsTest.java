package dev.shmt.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.FloatArray;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Partition;
import dev.shmt.api.Region;
import dev.shmt.api.Report;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.device.CpuDevice;
import dev.shmt.runtime.partition.Hints;
import dev.shmt.runtime.partition.Partitioner;
import dev.shmt.runtime.testing.FaultDevice;
import dev.shmt.runtime.testing.Stencils;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ELEMENTWISE, ROWS and REDUCE against plain loops, on sizes that do not divide. */
class PartitionModelsTest {
    private static ShmtRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = ShmtRuntime.builder().discoverDevices(false)
                .addDevice(new CpuDevice("cpu", 2)).addDevice(FaultDevice.slow("slow", 200_000)).policy("ws").build();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void elementwiseChunksAreWholePagesAndCoverEverything() {
        VopCall call = VopCall.builder("e", Partition.ELEMENTWISE).length(100_003).chunkHint(3000).cpu(r -> null).build();
        List<Region> regions = Partitioner.split(call, Hints.NONE);
        assertThat(regions).hasSize(33); // 3000 rounds up to 3 pages = 3072; 100003 / 3072 -> 33 chunks
        int next = 0;
        for (Region r : regions) {
            assertThat(r.start()).isEqualTo(next);
            assertThat(r.start() % Partitioner.PAGE_FLOATS).isEqualTo(0);
            next += r.length();
        }
        assertThat(next).isEqualTo(100_003);
        assertThat(regions.get(32).length()).isEqualTo(100_003 - 32 * 3072);
    }

    @Test
    void runtimeHintOverridesTheVopHint() {
        VopCall call = VopCall.builder("e", Partition.ELEMENTWISE).length(10_000).chunkHint(4096).cpu(r -> null).build();
        assertThat(Partitioner.split(call, Hints.NONE)).hasSize(3);
        assertThat(Partitioner.split(call, new Hints(0, 0, 1024))).hasSize(10);
        assertThat(Partitioner.split(call, new Hints(0, 0, 1))).hasSize(10); // never below one page
    }

    @Test
    void aVopHintLargerThanTheDataIsCutDown() {
        VopCall chunks = VopCall.builder("e", Partition.ELEMENTWISE).length(1000).chunkHint(8192).cpu(r -> null).build();
        assertThat(Partitioner.split(chunks, Hints.NONE)).containsExactly(Region.span(0, 1000));
        VopCall tiles = VopCall.builder("t", Partition.TILE_2D).shape(10, 20).tileHint(64, 64).cpu(r -> null).build();
        assertThat(Partitioner.split(tiles, Hints.NONE)).containsExactly(new Region(0, 0, 10, 20));
        VopCall rows = VopCall.builder("r", Partition.ROWS).shape(10, 20).tileHint(64, 0).cpu(r -> null).build();
        assertThat(Partitioner.split(rows, Hints.NONE)).containsExactly(new Region(0, 0, 10, 20));
    }

    @Test
    void aRuntimeHintLargerThanTheDataIsRefused() {
        VopCall chunks = VopCall.builder("e", Partition.ELEMENTWISE).length(1000).cpu(r -> null).build();
        assertThat(assertThrows(IllegalArgumentException.class, () -> Partitioner.split(chunks, new Hints(0, 0, 1001))))
                .hasMessageThat().isEqualTo("e: the runtime's chunkHint must be at most the call's length 1000, got 1001");
        assertThat(Partitioner.split(chunks, new Hints(0, 0, 1000))).hasSize(1); // the whole length: accepted

        VopCall tiles = VopCall.builder("t", Partition.TILE_2D).shape(10, 20).cpu(r -> null).build();
        for (Hints tooBig : new Hints[] {new Hints(11, 20, 0), new Hints(10, 21, 0)}) {
            assertThat(assertThrows(IllegalArgumentException.class, () -> Partitioner.split(tiles, tooBig)))
                    .hasMessageThat().isEqualTo("t: the runtime's tileHint must fit in the 10 x 20 matrix, got "
                            + tooBig.tileRows() + " x " + tooBig.tileCols());
        }
        assertThat(Partitioner.split(tiles, new Hints(10, 20, 0))).hasSize(1);
        assertThat(Partitioner.split(tiles, new Hints(0, 0, 1 << 20))).hasSize(1); // a chunk hint: not for tiles

        VopCall rows = VopCall.builder("r", Partition.ROWS).shape(10, 20).cpu(r -> null).build();
        assertThat(assertThrows(IllegalArgumentException.class, () -> Partitioner.split(rows, new Hints(11, 1, 0))))
                .hasMessageThat().isEqualTo("r: the runtime's tileHint must be at most the 10 rows of the 10 x 20"
                        + " matrix, got 11 rows per HLOP");
        assertThat(Partitioner.split(rows, new Hints(10, 500, 0))).hasSize(1); // ROWS reads only the row count
    }

    @Test
    void elementwiseMatchesAPlainLoop() {
        int n = 250_001;
        FloatArray a = FloatArray.wrap(Stencils.random(1, n, 1).array());
        FloatArray b = FloatArray.wrap(Stencils.random(1, n, 2).array());
        FloatArray out = FloatArray.create(n);
        VopCall call = VopCall.builder("fma", Partition.ELEMENTWISE).length(n).chunkHint(5000)
                .cpu(r -> {
                    fma(a.slice(r), b.slice(r), out.slice(r));
                    return null;
                })
                .build();
        Report report = runtime.execute(call);
        FloatArray ref = FloatArray.create(n);
        fma(a, b, ref);
        assertThat(out.toArray()).isEqualTo(ref.toArray());
        assertThat(report.hlops()).hasSize(49);
    }

    private static void fma(FloatArray a, FloatArray b, FloatArray out) {
        for (int i = 0; i < out.length(); i++) {
            out.set(i, a.get(i) * b.get(i) + 0.5f * a.get(i));
        }
    }

    @Test
    void rowsMatchesAPlainLoop() {
        int rows = 1001;
        int cols = 333;
        FloatMatrix src = Stencils.random(rows, cols, 3);
        FloatMatrix out = FloatMatrix.create(rows, cols);
        VopCall call = VopCall.builder("prefix", Partition.ROWS).shape(rows, cols).tileHint(64, 0)
                .cpu(r -> {
                    rowPrefixSums(src.region(r), out.region(r));
                    return null;
                })
                .build();
        Report report = runtime.execute(call);
        FloatMatrix ref = FloatMatrix.create(rows, cols);
        rowPrefixSums(src, ref);
        assertThat(out.array()).isEqualTo(ref.array());
        assertThat(report.hlops()).hasSize(16);
        for (Report.HlopRecord h : report.hlops()) {
            assertThat(h.region().cols()).isEqualTo(cols);
        }
    }

    /** Each output cell depends on its whole row before it: wrong only if rows were split. */
    private static void rowPrefixSums(FloatMatrix src, FloatMatrix dst) {
        for (int r = 0; r < src.rows(); r++) {
            float acc = 0f;
            for (int c = 0; c < src.cols(); c++) {
                acc += src.get(r, c);
                dst.set(r, c, acc);
            }
        }
    }

    @Test
    void reduceMatchesAPlainLoop() {
        int n = 123_457;
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = (i * 7919) % 1000 - 500; // integers: every sum is exact, so order cannot hide a bug
        }
        FloatArray a = FloatArray.wrap(data);
        BinaryOperator<double[]> combine = (x, y) -> new double[] {x[0] + y[0], Math.max(x[1], y[1]), x[2] + y[2]};
        VopCall call = VopCall.builder("stats", Partition.REDUCE).length(n).chunkHint(2048)
                .cpu(r -> {
                    FloatArray s = a.slice(r);
                    double sum = 0;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int i = 0; i < s.length(); i++) {
                        sum += s.get(i);
                        max = Math.max(max, s.get(i));
                    }
                    return new double[] {sum, max, s.length()};
                })
                .combiner(combine)
                .build();
        double[] got = (double[]) runtime.execute(call).result();
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : data) {
            sum += v;
            max = Math.max(max, v);
        }
        assertThat(got).usingExactEquality().containsExactly(sum, max, (double) n).inOrder();
    }

    @Test
    void reduceCombinesInHlopOrderWhateverFinishesFirst() {
        // List concatenation is associative but not commutative: any out-of-order combine shows.
        int n = 40 * 1024;
        BinaryOperator<List<Integer>> concat = (x, y) -> {
            List<Integer> l = new ArrayList<>(x);
            l.addAll(y);
            return l;
        };
        VopCall call = VopCall.builder("order", Partition.REDUCE).length(n).chunkHint(1024)
                .cpu(r -> List.of(r.start() / 1024))
                .combiner(concat)
                .build();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            expected.add(i);
        }
        for (int rep = 0; rep < 5; rep++) {
            assertThat(runtime.execute(call).result()).isEqualTo(expected);
        }
    }
}
