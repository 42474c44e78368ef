package dev.shmt.apps.blackscholes;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.FloatArray;
import dev.shmt.api.Report;
import dev.shmt.api.ShmtExecutionException;
import dev.shmt.npu.train.ModelCache;
import dev.shmt.npu.train.TrainedModel;
import dev.shmt.runtime.ShmtRuntime;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link BlackscholesNpu} through a real runtime and TFLite: its int8 error, batching and refusals. */
class BlackscholesNpuTest {
    private static final float R = Blackscholes.R;
    private static final float V = Blackscholes.V;

    /**
     * error_rate over calls and puts: measured 0.00066 on 2^17 options (and the same on the 131072
     * options the model was chosen on); 3x that, so a worse model or a broken host step fails.
     */
    private static final double ERROR_RATE_BOUND = 0.002;

    /** Largest |price - reference|: measured 0.16 (a 30-dollar option near the money); 3x that. */
    private static final double MAX_ABS_BOUND = 0.5;

    @BeforeAll
    static void tfliteCpu() {
        System.setProperty("shmt.npu", "tflite-cpu");
        BlackscholesNpu.prepare(); // trains once per machine (cached on disk), so no test below times out on it
    }

    @AfterAll
    static void clear() {
        System.clearProperty("shmt.npu");
    }

    private static ShmtRuntime npuRuntime(int chunk) {
        return ShmtRuntime.builder().devices("npu").policy("single:npu").chunkHint(chunk).build();
    }

    /** Prices {@code o} on the NPU in chunks of {@code chunk}; outputs start as NaN, so unwritten ones show. */
    private static float[][] onNpu(Options o, float r, float v, int chunk) {
        FloatArray call = FloatArray.wrap(nans(o.count()));
        FloatArray put = FloatArray.wrap(nans(o.count()));
        try (ShmtRuntime rt = npuRuntime(chunk)) {
            Report report = BlackscholesVops.price(rt, o.s(), o.x(), o.t(), r, v, call, put);
            assertWithMessage("HLOPs on the npu").that(report.hlopsOn("npu"))
                    .isEqualTo((o.count() + chunk - 1) / chunk);
            assertWithMessage("retries").that(report.retries()).isEqualTo(0);
        }
        return new float[][] {call.toArray(), put.toArray()};
    }

    private static float[] nans(int n) {
        float[] a = new float[n];
        Arrays.fill(a, Float.NaN);
        return a;
    }

    /** {sum |error|, sum |reference|, max |error|} over calls and puts. */
    private static double[] errors(Options o, float[][] got) {
        int n = o.count();
        double[] c = new double[n];
        double[] p = new double[n];
        BlackscholesReference.price(o.s().array(), o.x().array(), o.t().array(), R, V, c, p);
        double sumErr = 0;
        double sumRef = 0;
        double max = 0;
        for (int i = 0; i < n; i++) {
            double ec = Math.abs(got[0][i] - c[i]);
            double ep = Math.abs(got[1][i] - p[i]);
            sumErr += ec + ep;
            sumRef += Math.abs(c[i]) + Math.abs(p[i]);
            max = Math.max(max, Math.max(ec, ep)); // NaN (an unwritten price) makes max NaN and fails below
            if (Double.isNaN(ec) || Double.isNaN(ep)) {
                max = Double.NaN;
                break;
            }
        }
        return new double[] {sumErr, sumRef, max};
    }

    @Test
    void pricesStayWithinTheMeasuredInt8Bound() {
        Options o = Options.generate(1 << 17, 21);
        double[] e = errors(o, onNpu(o, R, V, 16_384));
        TrainedModel model = BlackscholesNpu.prepare();
        System.out.printf("blackscholes npu (int8): error_rate %.5f, max |error| %.4f; model held-out g error %s%n",
                e[0] / e[1], e[2], model.int8Error());
        assertWithMessage("max |npu - double reference|").that(e[2]).isAtMost(MAX_ABS_BOUND);
        assertWithMessage("error_rate").that(e[0] / e[1]).isAtMost(ERROR_RATE_BOUND);
        // Far above fp32 rounding (1e-6 of S + X): the prices really came through the int8 network.
        assertWithMessage("max |error| (tiny would mean int8 never ran)").that(e[2]).isGreaterThan(1e-3);
    }

    @Test
    void putCallParityHoldsOnTheHost() {
        Options o = Options.generate(20_000, 4);
        float[][] got = onNpu(o, R, V, 4096);
        for (int i = 0; i < o.count(); i++) {
            double s = o.s().get(i);
            double x = o.x().get(i);
            double forward = s - x * Math.exp(-(double) R * o.t().get(i));
            // Only float roundings of S - X e^(-rT) (and the Taylor e^(-rT)) separate the two sides.
            assertWithMessage("call - put - (S - X e^-rT) for option %s", i)
                    .that((double) got[0][i] - got[1][i]).isWithin(1e-6 * (s + x)).of(forward);
            assertWithMessage("call of option %s", i).that(got[0][i]).isAtLeast(0f);
            assertWithMessage("put of option %s", i).that(got[1][i]).isAtLeast(0f);
        }
    }

    @Test
    void chunkingAndBatchPaddingDoNotChangeAPrice() {
        // 3000 options: one padded batch of 3000 -> 3072, whole batches plus a padded 952, and single pages.
        // The whole call as one chunk is a hint of its length: the runtime refuses a longer one.
        Options o = Options.generate(3000, 9);
        float[][] whole = onNpu(o, R, V, 3000);
        for (int chunk : new int[] {2048, 1024}) {
            float[][] got = onNpu(o, R, V, chunk);
            assertWithMessage("calls in chunks of %s", chunk).that(got[0]).isEqualTo(whole[0]);
            assertWithMessage("puts in chunks of %s", chunk).that(got[1]).isEqualTo(whole[1]);
        }
        double[] e = errors(o, whole);
        assertWithMessage("error_rate of the padded batch").that(e[0] / e[1]).isAtMost(ERROR_RATE_BOUND);
        // A single option: a batch of 1 real row and 1023 padding rows.
        Options one = new Options(FloatArray.wrap(new float[] {o.s().get(5)}), FloatArray.wrap(new float[] {o.x().get(5)}),
                FloatArray.wrap(new float[] {o.t().get(5)}));
        float[][] single = onNpu(one, R, V, 1);
        assertWithMessage("one option alone").that(single[0][0]).isEqualTo(whole[0][5]);
        assertWithMessage("its put").that(single[1][0]).isEqualTo(whole[1][5]);
    }

    @Test
    void scaledOptionsBeyondTheBenchmarkRangesArePricedAsWell() {
        // Prices scale with S and X together, and the model sees only their ratio: ten times the
        // benchmark's S and X are as accurate, relative to their prices.
        Options o = Options.generate(20_000, 6);
        float[] s = o.s().toArray();
        float[] x = o.x().toArray();
        for (int i = 0; i < s.length; i++) {
            s[i] *= 10;
            x[i] *= 10;
        }
        Options scaled = new Options(FloatArray.wrap(s), FloatArray.wrap(x), o.t());
        double[] e = errors(scaled, onNpu(scaled, R, V, 8192));
        assertWithMessage("error_rate of options with 10 x S and X").that(e[0] / e[1]).isAtMost(ERROR_RATE_BOUND);
    }

    @Test
    void otherRatesAndVolatilitiesAreRefused() {
        Options o = Options.generate(2048, 1);
        for (float[] rv : new float[][] {{0.05f, V}, {R, 0.2f}}) {
            ShmtExecutionException e = assertThrows(ShmtExecutionException.class, () -> onNpu(o, rv[0], rv[1], 1024));
            assertWithMessage("cause").that(e).hasCauseThat().isInstanceOf(IllegalArgumentException.class);
            assertWithMessage("message").that(e).hasCauseThat().hasMessageThat().contains("r = " + rv[0] + ", v = " + rv[1]
                    + ", but the NPU model of BlackscholesNpu was trained for r = 0.02, v = 0.3 only");
        }
    }

    @Test
    void optionsTheModelCannotPriceAreRefused() {
        Options o = Options.generate(2048, 1);
        o.t().set(1500, 12f);
        ShmtExecutionException e = assertThrows(ShmtExecutionException.class, () -> onNpu(o, R, V, 1024));
        assertWithMessage("long expiry").that(e).hasCauseThat().hasMessageThat()
                .contains("option 1500 (s = " + o.s().get(1500) + ", x = " + o.x().get(1500)
                        + ", t = 12.0) is outside what the NPU model was trained for: t must lie in [0.25, 10.0]");
        o.t().set(1500, 1f);
        o.s().set(3, -1f);
        e = assertThrows(ShmtExecutionException.class, () -> onNpu(o, R, V, 1024));
        assertWithMessage("negative spot").that(e).hasCauseThat().hasMessageThat()
                .contains("option 3 (s = -1.0");
        assertWithMessage("negative spot").that(e).hasCauseThat().hasMessageThat()
                .contains("s and x must be >= 0 and finite, not both 0");
    }

    @Test
    void nanAndInfinityFlowThroughAsTheCpuPricesThem() {
        Options o = Options.generate(2048, 1);
        o.s().set(3, Float.NaN);
        o.x().set(700, Float.POSITIVE_INFINITY);
        o.t().set(1500, Float.NaN);
        o.s().set(2000, Float.POSITIVE_INFINITY);
        float[][] got = onNpu(o, R, V, 1024);
        FloatArray call = FloatArray.create(2048);
        FloatArray put = FloatArray.create(2048);
        Blackscholes.price(o.s(), o.x(), o.t(), R, V, call, put);
        for (int i : new int[] {3, 700, 1500, 2000}) {
            assertWithMessage("call %s", i).that(got[0][i]).isEqualTo(call.get(i));
            assertWithMessage("put %s", i).that(got[1][i]).isEqualTo(put.get(i));
        }
        assertWithMessage("call 3 is NaN").that(got[0][3]).isNaN();
        // Their batch-mates still come from the int8 network, close to the exact price.
        assertWithMessage("call 4").that((double) got[0][4]).isWithin(MAX_ABS_BOUND).of(call.get(4));
        assertWithMessage("call 4 differs from fp32 (int8 ran)").that(got[0][4]).isNotEqualTo(call.get(4));
    }

    @Test
    void theModelIsTrainedOnceAndKeyedByItsSpec() {
        TrainedModel a = BlackscholesNpu.prepare();
        assertThat(BlackscholesNpu.prepare()).isSameInstanceAs(a);
        assertWithMessage("cache key").that(a.key()).isEqualTo(ModelCache.key(BlackscholesModel.SPEC));
        assertWithMessage("static batch").that(a.batchSize()).isEqualTo(BlackscholesNpu.BATCH);
        // The trainer's own held-out measure of g (per unit of underlying): about 0.0007 mean.
        assertWithMessage("held-out mean |g error|").that(a.int8Error().meanAbs()).isLessThan(0.002);
    }
}
