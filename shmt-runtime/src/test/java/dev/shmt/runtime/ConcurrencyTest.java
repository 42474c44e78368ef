package dev.shmt.runtime;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.shmt.api.Border;
import dev.shmt.api.FloatArray;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Partition;
import dev.shmt.api.Region;
import dev.shmt.api.Report;
import dev.shmt.api.VopCall.Role;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.device.CpuDevice;
import dev.shmt.runtime.partition.Hints;
import dev.shmt.runtime.partition.Partitioner;
import dev.shmt.runtime.testing.FaultDevice;
import dev.shmt.runtime.testing.Stencils;
import dev.shmt.runtime.testing.Threads;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #8: many callers share one runtime safely. Every result is compared bitwise with the VOP body
 * run directly on the whole data (all devices here are exact), every report is checked HLOP by HLOP,
 * and the whole workload runs under one deadline that fails with a thread dump instead of hanging.
 */
class ConcurrencyTest {
    private static final int CALLERS = 64;
    private static final int CALLS_PER_CALLER = 100;
    /** Deadlock bound only: the workload takes seconds. */
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final Set<String> DEVICES = Set.of("cpu", "cpu-b", "flaky");

    /**
     * Two exact CPU devices under different names and a third that throws on HLOPs whose index is 3
     * mod 7, so re-routing of failed HLOPs happens all the time under load. Quarantine is off: several
     * such HLOPs in a row would otherwise take the flaky device out for the rest of the run (as it
     * should; ReliabilityTest covers that) and leave re-routing untested.
     */
    private static ShmtRuntime runtime(String policy) {
        return ShmtRuntime.builder().discoverDevices(false).quarantineAfter(0)
                .addDevice(new CpuDevice("cpu", 2))
                .addDevice(new CpuDevice("cpu-b", 1))
                .addDevice(FaultDevice.failing("flaky", ConcurrencyTest::flakyFails))
                .policy(policy).build();
    }

    private static boolean flakyFails(int hlopIndex) {
        return hlopIndex % 7 == 3;
    }

    /** Counts over the whole workload, to show the paths the per-call checks rely on were taken. */
    private static final class Tally {
        final LongAdder calls = new LongAdder();
        final LongAdder retried = new LongAdder();
        final Map<String, LongAdder> hlopsOn = new ConcurrentHashMap<>();
        final Map<Partition, LongAdder> byPartition = new ConcurrentHashMap<>();
        final LongAdder over30Hlops = new LongAdder();
    }

    // ws, then the same workload under two policies that plan differently; qaws-ts works here because
    // every device is fp32 (one precision tier), and it samples the calls' IN arguments.
    @ParameterizedTest(name = "policy {0}")
    @ValueSource(strings = {"ws", "even", "qaws-ts"})
    void manyCallersRunMixedCallsOnOneRuntime(String policy) throws Exception {
        Tally tally = new Tally();
        ShmtRuntime rt = runtime(policy);
        try (Threads.Closer c = Threads.closing(rt, Duration.ofSeconds(30))) {
            Threads.runAll("caller", CALLERS, t -> () -> {
                Random rnd = new Random(7919L * t + policy.hashCode()); // per caller, so a failure replays
                for (int i = 0; i < CALLS_PER_CALLER; i++) {
                    long seed = (long) t << 32 | i; // distinct inputs for every call
                    switch (rnd.nextInt(4)) {
                        case 0 -> {
                            int rows = 1 + rnd.nextInt(97);
                            int cols = 1 + rnd.nextInt(131);
                            // ceil(rows / k) x ceil(cols / m) tiles: at most k x m, so 1 to 42 HLOPs
                            stencil(rt, rows, cols, 1 + rnd.nextInt(2), Border.values()[rnd.nextInt(3)],
                                    ceilDiv(rows, 1 + rnd.nextInt(6)), ceilDiv(cols, 1 + rnd.nextInt(7)), seed, tally);
                        }
                        case 1 -> elementwise(rt, 1 + rnd.nextInt(5000), 1 + rnd.nextInt(5000), seed, tally);
                        case 2 -> {
                            int rows = 1 + rnd.nextInt(97);
                            rows(rt, rows, 1 + rnd.nextInt(131), ceilDiv(rows, 1 + rnd.nextInt(40)), seed, tally);
                        }
                        default -> reduce(rt, 1 + rnd.nextInt(5000), 1 + rnd.nextInt(5000), seed, tally);
                    }
                }
                return null;
            }, DEADLINE);
        }
        assertWithMessage("calls completed").that(tally.calls.sum()).isEqualTo((long) CALLERS * CALLS_PER_CALLER);
        for (Partition p : Partition.values()) {
            assertWithMessage("calls with partition %s", p).that(tally.byPartition.get(p).sum()).isGreaterThan(0L);
        }
        assertWithMessage("calls with over 30 HLOPs").that(tally.over30Hlops.sum()).isGreaterThan(0L);
        // Otherwise the failure checks below would have passed without a single failure to check.
        assertWithMessage("HLOPs the flaky device failed and another device re-ran").that(tally.retried.sum())
                .isGreaterThan(0L);
        for (String d : DEVICES) {
            assertWithMessage("HLOPs completed on %s", d).that(tally.hlopsOn.get(d).sum()).isGreaterThan(0L);
        }
    }

    /**
     * Every caller runs the very same VOP (name, shape, tiling) at once, each on its own seed and
     * output: HLOPs of different calls are indistinguishable but for their call, so any mix-up between
     * calls (a tile written into another call's output, a report or result handed to the wrong caller)
     * shows as a wrong value.
     */
    @Test
    void callersOfTheSameVopAtOnceEachGetExactlyTheirOwnResult() throws Exception {
        int callers = 32;
        Tally tally = new Tally();
        CountDownLatch go = new CountDownLatch(callers);
        ShmtRuntime rt = runtime("ws");
        try (Threads.Closer c = Threads.closing(rt, Duration.ofSeconds(30))) {
            Threads.runAll("caller", callers, t -> () -> {
                go.countDown();
                go.await(); // all start together, so their calls overlap as much as possible
                for (int i = 0; i < 40; i++) {
                    long seed = 1_000_000L * (t + 1) + i;
                    if (i % 2 == 0) {
                        stencil(rt, 40, 56, 1, Border.REFLECT_101, 8, 8, seed, tally); // 35 HLOPs
                    } else {
                        reduce(rt, 4 * 1024, 1024, seed, tally); // 4 HLOPs, a result per call
                    }
                }
                return null;
            }, DEADLINE);
        }
        assertWithMessage("calls completed").that(tally.calls.sum()).isEqualTo(callers * 40L);
    }

    // --- the four VOPs: each is run through the runtime and its body directly on the whole data ---

    private static void stencil(ShmtRuntime rt, int rows, int cols, int halo, Border border, int tileRows,
                                int tileCols, long seed, Tally tally) {
        FloatMatrix src = Stencils.random(rows, cols, seed).withBorder(border);
        FloatMatrix dst = nanMatrix(rows, cols);
        VopCall call = VopCall.builder("stencil", Partition.TILE_2D).shape(rows, cols).halo(halo).border(border)
                .tileHint(tileRows, tileCols)
                .arg("src", Role.IN, src).arg("dst", Role.OUT, dst)
                .cpu(r -> {
                    Stencils.weighted(src.tile(r, halo), dst.region(r), halo);
                    return null;
                })
                .build();
        Report report = rt.execute(call);
        FloatMatrix ref = FloatMatrix.create(rows, cols);
        Stencils.weighted(src, ref, halo);
        String what = call + " " + border + " in " + tileRows + " x " + tileCols + " tiles, seed " + seed;
        assertExact(what, dst.array(), ref.array());
        checkReport(what, call, report, tally);
    }

    private static void elementwise(ShmtRuntime rt, int n, int chunk, long seed, Tally tally) {
        FloatArray a = FloatArray.wrap(Stencils.random(1, n, seed).array());
        FloatArray b = FloatArray.wrap(Stencils.random(1, n, ~seed).array());
        FloatArray out = FloatArray.wrap(nanMatrix(1, n).array());
        VopCall call = VopCall.builder("fma", Partition.ELEMENTWISE).length(n).chunkHint(chunk)
                .arg("a", Role.IN, a).arg("b", Role.IN, b).arg("out", Role.OUT, out)
                .cpu(r -> {
                    fma(a.slice(r), b.slice(r), out.slice(r));
                    return null;
                })
                .build();
        Report report = rt.execute(call);
        FloatArray ref = FloatArray.create(n);
        fma(a, b, ref);
        String what = call + " in chunks of " + chunk + ", seed " + seed;
        assertExact(what, out.array(), ref.array());
        checkReport(what, call, report, tally);
    }

    private static void rows(ShmtRuntime rt, int rows, int cols, int rowsPerHlop, long seed, Tally tally) {
        FloatMatrix src = Stencils.random(rows, cols, seed);
        FloatMatrix dst = nanMatrix(rows, cols);
        VopCall call = VopCall.builder("prefix", Partition.ROWS).shape(rows, cols).tileHint(rowsPerHlop, 0)
                .arg("src", Role.IN, src).arg("dst", Role.OUT, dst)
                .cpu(r -> {
                    rowPrefixSums(src.region(r), dst.region(r));
                    return null;
                })
                .build();
        Report report = rt.execute(call);
        FloatMatrix ref = FloatMatrix.create(rows, cols);
        rowPrefixSums(src, ref);
        String what = call + " in blocks of " + rowsPerHlop + " rows, seed " + seed;
        assertExact(what, dst.array(), ref.array());
        checkReport(what, call, report, tally);
    }

    private static void reduce(ShmtRuntime rt, int n, int chunk, long seed, Tally tally) {
        // Integer values in [-64, 64]: every partial and total sum of at most 5000 of them is exact in
        // float, so the total is the same whatever the chunking; the span catches a wrong order.
        SplittableRandom r = new SplittableRandom(seed);
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = r.nextInt(-64, 65);
        }
        FloatArray a = FloatArray.wrap(data);
        VopCall call = VopCall.builder("sum", Partition.REDUCE).length(n).chunkHint(chunk)
                .arg("a", Role.IN, a)
                .cpu(region -> sum(a, region.start(), region.length()))
                .combiner(Span::then)
                .build();
        Report report = rt.execute(call);
        String what = call + " in chunks of " + chunk + ", seed " + seed;
        assertWithMessage("%s: result", what).that(report.result()).isEqualTo(sum(a, 0, n));
        checkReport(what, call, report, tally);
    }

    /** A partial sum over [from, to). */
    private record Span(float sum, int from, int to) {
        /** Combines adjacent spans only: a combine out of HLOP order, a gap or an overlap throws. */
        Span then(Span next) {
            if (next.from != to) {
                throw new IllegalStateException("combined " + this + " with non-adjacent " + next);
            }
            return new Span(sum + next.sum, from, next.to);
        }
    }

    private static Span sum(FloatArray a, int from, int length) {
        float s = 0f;
        for (int i = from; i < from + length; i++) {
            s += a.get(i);
        }
        return new Span(s, from, from + length);
    }

    private static void fma(FloatArray a, FloatArray b, FloatArray out) {
        for (int i = 0; i < out.length(); i++) {
            out.set(i, a.get(i) * b.get(i) + 0.5f * a.get(i));
        }
    }

    /** Each cell depends on its whole row before it: wrong if a row were split or rows mixed up. */
    private static void rowPrefixSums(FloatMatrix src, FloatMatrix dst) {
        for (int r = 0; r < src.rows(); r++) {
            float acc = 0f;
            for (int c = 0; c < src.cols(); c++) {
                acc += src.get(r, c);
                dst.set(r, c, acc);
            }
        }
    }

    // --- checks ---

    /**
     * One record per region in partition order, each completed on one of the runtime's devices; an HLOP
     * the flaky device failed names that failure and completed elsewhere; no other HLOP failed.
     */
    private static void checkReport(String what, VopCall call, Report report, Tally tally) {
        assertWithMessage("%s: VOP named in its report", what).that(report.vop()).isEqualTo(call.name());
        assertWithMessage("%s: result of a call that writes outputs", what)
                .that(call.partition() == Partition.REDUCE || report.result() == null).isTrue();
        List<Region> regions = Partitioner.split(call, Hints.NONE);
        List<Report.HlopRecord> hlops = report.hlops();
        assertWithMessage("%s: HLOP regions", what).that(hlops.stream().map(Report.HlopRecord::region).toList())
                .containsExactlyElementsIn(regions).inOrder();
        for (int i = 0; i < hlops.size(); i++) {
            Report.HlopRecord h = hlops.get(i);
            assertWithMessage("%s: HLOP %s index", what, i).that(h.index()).isEqualTo(i);
            assertWithMessage("%s: HLOP %s device", what, i).that(h.device()).isIn(DEVICES);
            if (flakyFails(i)) {
                assertWithMessage("%s: HLOP %s the flaky device always fails", what, i).that(h.device())
                        .isNotEqualTo("flaky");
                // Failed at most once, by flaky: the CPU devices never fail, and flaky never gets it back.
                assertWithMessage("%s: HLOP %s failures", what, i).that(h.failures()).isAnyOf(List.of(),
                        List.of("flaky: java.lang.IllegalStateException: injected fault on HLOP " + i));
            } else {
                assertWithMessage("%s: HLOP %s failures", what, i).that(h.failures()).isEmpty();
            }
            tally.retried.add(h.failures().size());
            tally.hlopsOn.computeIfAbsent(h.device(), d -> new LongAdder()).increment();
        }
        assertWithMessage("%s: HLOPs counted per device", what)
                .that(report.devices().stream().mapToInt(Report.DeviceSummary::hlops).sum()).isEqualTo(hlops.size());
        tally.calls.increment();
        tally.byPartition.computeIfAbsent(call.partition(), p -> new LongAdder()).increment();
        if (hlops.size() > 30) {
            tally.over30Hlops.increment();
        }
    }

    /** Bitwise equality, with the first differing cell in the message rather than two huge arrays. */
    private static void assertExact(String what, float[] got, float[] want) {
        if (!Arrays.equals(got, want)) {
            int i = Arrays.mismatch(got, want);
            assertWithMessage("%s: output differs first at element %s of %s: got %s, want %s", what, i, want.length,
                    i < got.length ? got[i] : "nothing", i < want.length ? want[i] : "nothing")
                    .that(got).isEqualTo(want);
        }
    }

    /** NaN-filled, so a cell no HLOP wrote shows. */
    private static FloatMatrix nanMatrix(int rows, int cols) {
        FloatMatrix m = FloatMatrix.create(rows, cols);
        Arrays.fill(m.array(), Float.NaN);
        return m;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
