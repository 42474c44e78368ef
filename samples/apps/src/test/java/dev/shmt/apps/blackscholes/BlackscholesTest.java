package dev.shmt.apps.blackscholes;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shmt.api.FloatArray;
import dev.shmt.api.Report;
import dev.shmt.gpu.GpuDevice;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.device.CpuDevice;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link Blackscholes#price} on the precise devices against {@link BlackscholesReference}, and its inputs. */
class BlackscholesTest {
    private static final float R = Blackscholes.R;
    private static final float V = Blackscholes.V;

    /** The largest |fp32 - double| over calls and puts, in ulps of max(S, X) or, with {@code ulps} false, over S + X. */
    private static double worst(Options o, FloatArray call, FloatArray put, boolean ulps) {
        int n = o.count();
        double[] c = new double[n];
        double[] p = new double[n];
        BlackscholesReference.price(o.s().array(), o.x().array(), o.t().array(), R, V, c, p);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            float s = o.s().get(i);
            float x = o.x().get(i);
            double unit = ulps ? Math.ulp(Math.max(s, x)) : (double) s + x;
            worst = Math.max(worst, Math.abs(call.get(i) - c[i]) / unit);
            worst = Math.max(worst, Math.abs(put.get(i) - p[i]) / unit);
        }
        return worst;
    }

    @Test
    void cpuBodyIsWithinAFewUlpsOfTheDoubleReference() {
        Options o = Options.generate(1 << 18, 11);
        FloatArray call = FloatArray.create(o.count());
        FloatArray put = FloatArray.create(o.count());
        Blackscholes.price(o.s(), o.x(), o.t(), R, V, call, put);
        double ulps = worst(o, call, put, true);
        System.out.printf("blackscholes cpu: max |fp32 - double| = %.2f ulps of max(S, X)%n", ulps);
        // Each price is the difference of two terms of at most max(S, X), each the end of about 15 fp32
        // operations (log, exp, sqrt rounded to float, the CND polynomial), every one rounding by half an
        // ulp. Measured: at most 6.3 ulps over 3 x 2^20 options; 16 ulps (about 1e-6 relative) leaves 2.5x.
        assertWithMessage("max |cpu - double reference| in ulps of max(S, X)").that(ulps).isAtMost(16.0);
        assertWithMessage("an fp32 evaluation differs from the double one somewhere").that(ulps).isGreaterThan(0.0);
    }

    @Test
    void cpuChunksAreBitwiseEqualToTheWholeCall() {
        // 5000 options: chunks of whole pages with a ragged last one, and an offset into the arrays.
        Options o = Options.generate(5000, 3);
        FloatArray want = FloatArray.create(5000);
        FloatArray wantPut = FloatArray.create(5000);
        Blackscholes.price(o.s(), o.x(), o.t(), R, V, want, wantPut);
        float[] out = new float[2 * 5000 + 7];
        Arrays.fill(out, Float.NaN);
        FloatArray call = FloatArray.wrap(out, 7, 5000);
        FloatArray put = FloatArray.wrap(out, 5007, 5000);
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(2))
                .policy("single:cpu").chunkHint(1024).build()) {
            Report report = BlackscholesVops.price(rt, o.s(), o.x(), o.t(), R, V, call, put);
            assertWithMessage("HLOPs on the cpu").that(report.hlopsOn("cpu")).isEqualTo(5);
        }
        assertWithMessage("chunked calls").that(call.toArray()).isEqualTo(want.toArray());
        assertWithMessage("chunked puts").that(put.toArray()).isEqualTo(wantPut.toArray());
        assertWithMessage("element before the views").that(out[6]).isNaN();
    }

    @Test
    void gpuChunksMatchTheDoubleReference() {
        Options o = Options.generate(100_003, 5);
        GpuDevice gpu = GpuDevice.detect(2).get(0);
        try {
            assumeTrue(gpu.status().isAvailable(), "no GPU: " + gpu.status().cause());
            FloatArray call = FloatArray.create(o.count());
            FloatArray put = FloatArray.create(o.count());
            try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(gpu).policy("single:gpu")
                    .chunkHint(16_384).build()) {
                Report report = BlackscholesVops.price(rt, o.s(), o.x(), o.t(), R, V, call, put);
                assertWithMessage("HLOPs on the gpu").that(report.hlopsOn("gpu")).isEqualTo(7);
            }
            double rel = worst(o, call, put, false);
            System.out.printf("blackscholes gpu: max |fp32 - double| / (S + X) = %.3g%n", rel);
            // CUDA's expf and logf are not always correctly rounded as Java's are, so the CPU's ulp bound
            // does not carry over; this is the bound of the kernel's own test (GpuKernelsOnGpuTest and
            // the host emulation): 1e-5 (S + X), about five times the fp32 rounding of the formulas.
            assertWithMessage("max |gpu - double reference| / (S + X)").that(rel).isAtMost(1e-5);
        } finally {
            gpu.close();
        }
    }

    @Test
    void optionsAreSeededAndInsideTheirRanges() {
        Options a = Options.generate(10_000, 7);
        assertWithMessage("same seed").that(Options.generate(10_000, 7).s().toArray()).isEqualTo(a.s().toArray());
        assertWithMessage("another seed")
                .that(Arrays.equals(Options.generate(10_000, 8).x().toArray(), a.x().toArray())).isFalse();
        float[] lo = {Options.S_MIN, Options.X_MIN, Options.T_MIN};
        float[] hi = {Options.S_MAX, Options.X_MAX, Options.T_MAX};
        FloatArray[] arrays = {a.s(), a.x(), a.t()};
        String[] names = {"s", "x", "t"};
        for (int k = 0; k < 3; k++) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float v : arrays[k].toArray()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertWithMessage("smallest %s", names[k]).that(min).isAtLeast(lo[k]);
            assertWithMessage("largest %s", names[k]).that(max).isAtMost(hi[k]);
            // Uniform over the range: 10000 draws come within 1% of both ends.
            float width = hi[k] - lo[k];
            assertWithMessage("smallest %s near its bound", names[k]).that(min).isLessThan(lo[k] + 0.01f * width);
            assertWithMessage("largest %s near its bound", names[k]).that(max).isGreaterThan(hi[k] - 0.01f * width);
        }
    }

    @Test
    void badArgumentsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Options.generate(0, 1));
        assertWithMessage("no options").that(e).hasMessageThat().contains("n (options) must be >= 1, got 0");
        Options o = Options.generate(10, 1);
        float[] backing = new float[20];
        e = assertThrows(IllegalArgumentException.class, () -> Blackscholes.price(o.s(), o.x(), o.t(), R, V,
                FloatArray.wrap(backing, 0, 10), FloatArray.wrap(backing, 10, 9)));
        assertWithMessage("a short put view").that(e).hasMessageThat()
                .isEqualTo("s, x, t, call and put must have the same length, got 10, 10, 10, 10 and 9");
    }
}
