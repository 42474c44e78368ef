package dev.shmt.apps.blackscholes;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.Report;
import dev.shmt.apps.BenchApp;
import dev.shmt.runtime.RuntimeBuilder;
import dev.shmt.runtime.ShmtRuntime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link BlackscholesApp}: its contract with {@code ./shmt bench}, run on cpu + npu. */
class BlackscholesAppTest {
    private static final BlackscholesApp APP = new BlackscholesApp();
    /** 100000 options in chunks of 8 pages: 13 HLOPs, the last one ragged. */
    private static final int SIZE = 100_000;
    private static final int TILE = 8192;

    @BeforeAll
    static void tfliteCpu() {
        System.setProperty("shmt.npu", "tflite-cpu");
    }

    @AfterAll
    static void clear() {
        System.clearProperty("shmt.npu");
    }

    /** Runs {@code instance} once on a runtime over {@code devices} with {@code policy}, output NaN first. */
    private static List<Report> run(BlackscholesApp.BlackscholesInstance instance, String policy, String... devices) {
        Arrays.fill(instance.output(), Float.NaN);
        RuntimeBuilder b = ShmtRuntime.builder().devices(devices).policy(policy).cpuThreads(2);
        APP.hint(b, TILE, SIZE);
        try (ShmtRuntime rt = b.build()) {
            return instance.run(rt);
        }
    }

    @Test
    void wsOnCpuAndNpuWritesEveryPriceWithinTheNpuBound() {
        BlackscholesApp.BlackscholesInstance instance = (BlackscholesApp.BlackscholesInstance) APP.prepare(SIZE, 42);
        List<Report> reports = run(instance, "ws", "cpu", "npu");
        assertWithMessage("VOP calls per run").that(reports).hasSize(1);
        Report r = reports.get(0);
        assertWithMessage("HLOPs on cpu and npu").that(r.hlopsOn("cpu") + r.hlopsOn("npu")).isEqualTo(13);
        float[] out = instance.output();
        for (int i = 0; i < out.length; i++) {
            if (!Float.isFinite(out[i])) {
                throw new AssertionError((i < SIZE ? "call " + i : "put " + (i - SIZE)) + " is " + out[i]
                        + ": not written");
            }
        }
        BenchApp.Quality q = instance.quality();
        System.out.printf("blackscholes app, ws, %d options: cpu %d HLOPs, npu %d: %s%n", SIZE, r.hlopsOn("cpu"),
                r.hlopsOn("npu"), q);
        // At worst every HLOP ran on the NPU: on these option chains all-NPU measured error_rate 0.0042,
        // MAPE 9.3% over prices of a cent or more, RMSE 0.0043 of the prices' RMS (more than on uniform
        // options: chains list many deep out-of-the-money strikes whose small prices err relatively more).
        assertWithMessage("error_rate").that(q.errorRate()).isAtMost(0.006);
        assertWithMessage("MAPE (percent)").that(q.mapePercent()).isAtMost(14.0);
        // Option chains run from penny stocks to index levels: RMSE against the prices' own scale.
        assertWithMessage("RMSE over the reference's RMS").that(q.rmse() / rms(instance.reference())).isAtMost(0.006);
        assertWithMessage("SSIM (not an image)").that(q.ssim()).isNull();
    }

    private static double rms(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s / v.length);
    }

    @Test
    void cpuAloneIsExactToFloatPrecisionAndRunsOverwriteTheOutput() {
        BlackscholesApp.BlackscholesInstance instance = (BlackscholesApp.BlackscholesInstance) APP.prepare(SIZE, 42);
        Report r = run(instance, "single:cpu", "cpu").get(0);
        assertWithMessage("HLOPs on the cpu").that(r.hlopsOn("cpu")).isEqualTo(13);
        BenchApp.Quality q = instance.quality();
        // fp32 against double: a few ulps per price (BlackscholesTest), so about 1e-7 of the prices.
        assertWithMessage("error_rate").that(q.errorRate()).isAtMost(1e-6);
        assertWithMessage("MAPE (percent)").that(q.mapePercent()).isAtMost(1e-3);
        assertWithMessage("RMSE").that(q.rmse()).isAtMost(1e-4);
        float[] first = instance.output().clone();
        run(instance, "single:cpu", "cpu");
        assertWithMessage("a second run over NaN").that(instance.output()).isEqualTo(first);
    }

    @Test
    void prepareIsSeeded() {
        BlackscholesApp.BlackscholesInstance a = (BlackscholesApp.BlackscholesInstance) APP.prepare(5000, 1);
        BlackscholesApp.BlackscholesInstance b = (BlackscholesApp.BlackscholesInstance) APP.prepare(5000, 1);
        BlackscholesApp.BlackscholesInstance c = (BlackscholesApp.BlackscholesInstance) APP.prepare(5000, 2);
        assertWithMessage("same seed").that(b.reference()).isEqualTo(a.reference());
        assertWithMessage("another seed").that(Arrays.equals(c.reference(), a.reference())).isFalse();
        assertWithMessage("reference length (calls, then puts)").that(a.reference()).hasLength(10_000);
    }

    @Test
    void namesAndDefaultsFitTogether() {
        assertWithMessage("name").that(APP.name()).isEqualTo("blackscholes");
        assertWithMessage("unit").that(APP.sizeUnit()).isEqualTo("options");
        APP.checkSize(APP.defaultSize());
        APP.hint(ShmtRuntime.builder(), APP.defaultTile(APP.defaultSize()), APP.defaultSize()); // accepted: no exception
        APP.hint(ShmtRuntime.builder(), APP.defaultTile(64), 64); // a default that fits a tiny size
    }

    private static String refused(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void badSizesAndTilesAreRefused() {
        assertWithMessage("size 0").that(refused(() -> APP.checkSize(0)))
                .isEqualTo("blackscholes size must be between 1 and " + BlackscholesApp.MAX_SIZE + " options, got 0");
        assertWithMessage("negative size").that(refused(() -> APP.checkSize(-3))).contains("got -3");
        assertWithMessage("too many").that(refused(() -> APP.checkSize(BlackscholesApp.MAX_SIZE + 1)))
                .contains("between 1 and");
        long maxHeap = Runtime.getRuntime().maxMemory();
        if ((long) BlackscholesApp.BYTES_PER_OPTION * BlackscholesApp.MAX_SIZE > maxHeap / 10 * 9) {
            assertWithMessage("more than the heap holds").that(refused(() -> APP.checkSize(BlackscholesApp.MAX_SIZE)))
                    .contains("MiB of heap (28 bytes per option), but the JVM may use at most");
        }
        RuntimeBuilder b = ShmtRuntime.builder();
        assertWithMessage("tile 0").that(refused(() -> APP.hint(b, 0, 5000))).isEqualTo("blackscholes tile (options per"
                + " HLOP) must be a positive multiple of 1024 (HLOP chunks are whole 4 KiB pages), got 0");
        assertWithMessage("tile 1000").that(refused(() -> APP.hint(b, 1000, 5000))).contains("got 1000");
        assertWithMessage("tile 3000").that(refused(() -> APP.hint(b, 3000, 5000))).contains("got 3000");
        assertWithMessage("tile past the data").that(refused(() -> APP.hint(b, 6144, 5000))).isEqualTo(
                "blackscholes tile 6144 is larger than the 5000 options (5120 in whole pages); use at most 5120");
        assertWithMessage("bad size through hint").that(refused(() -> APP.hint(b, 1024, 0))).contains("got 0");
        assertWithMessage("bad size through prepare").that(refused(() -> APP.prepare(-1, 1))).contains("got -1");
        APP.hint(b, 5120, 5000); // the whole problem in one HLOP: accepted
    }
}
