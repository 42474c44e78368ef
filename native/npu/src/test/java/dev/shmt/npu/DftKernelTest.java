package dev.shmt.npu;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Partition;
import dev.shmt.api.Report;
import dev.shmt.api.VopCall;
import dev.shmt.api.npu.NpuInterpreter;
import dev.shmt.api.npu.NpuKernel;
import dev.shmt.npu.kernels.DftKernel;
import dev.shmt.npu.kernels.DftModel;
import dev.shmt.runtime.ShmtRuntime;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The int8 DFT through a real NPU runtime, against the exact DFT in double, within its derived bound. */
class DftKernelTest {
    private static final int ROWS = 7;
    private static final int ROWS_PER_HLOP = 3; // blocks of 3, 3 and 1 rows: two model shapes

    @AfterEach
    void clear() {
        System.clearProperty(NpuMode.PROPERTY);
    }

    /**
     * Bins quantized over everything a row in [-1, 1] can reach (|Re X|, |Im X| <= 2n), so nothing
     * saturates and the worst-case bound holds for any input.
     */
    static final class FullRange extends DftKernel {
        @Override
        protected float[] binRanges(int n) {
            float[] r = new float[n];
            Arrays.fill(r, 2f * n);
            return r;
        }
    }

    /** The forward DFT in double, angles reduced exactly. */
    private static double[][] dft(float[] re, float[] im, int off, int n) {
        double[][] x = new double[2][n];
        for (int k = 0; k < n; k++) {
            for (int m = 0; m < n; m++) {
                double t = 2 * Math.PI * (int) ((long) k * m % n) / n;
                x[0][k] += re[off + m] * Math.cos(t) + im[off + m] * Math.sin(t);
                x[1][k] += im[off + m] * Math.cos(t) - re[off + m] * Math.sin(t);
            }
        }
        return x;
    }

    private static Report run(ShmtRuntime rt, DftKernel kernel, FloatMatrix re, FloatMatrix im, FloatMatrix outRe,
            FloatMatrix outIm) {
        VopCall call = VopCall.builder("dft", Partition.ROWS).shape(re.rows(), re.cols())
                .tileHint(ROWS_PER_HLOP, re.cols()).arg("re", VopCall.Role.IN, re).arg("im", VopCall.Role.IN, im)
                .arg("outRe", VopCall.Role.OUT, outRe).arg("outIm", VopCall.Role.OUT, outIm)
                .implementation(NpuKernel.class, kernel).build();
        return rt.execute(call);
    }

    private static ShmtRuntime npuOnly(NpuDevice npu) {
        return ShmtRuntime.builder().discoverDevices(false).addDevice(npu).policy("single:npu").build();
    }

    /**
     * Any row length, not only powers of two, with means far from 0. Per bin, in units of the row's
     * scale s (its largest deviation from the mean): rounding the inputs to steps of sIn costs at most
     * {@code sum |w'| sIn / 2} with {@code sum |w'| <= 2n (1 + 1/254)}; the weights of bin k, scaled by
     * its gain g and rounded to steps of g/127, at most {@code 2n (1/254)} after dividing by g; the
     * output's requantization and rounding one output step, {@code sOut / g}. A millionth of the row's
     * norm covers the host's fp32 arithmetic. Bin 0 is the exact sum.
     */
    @Test
    void rowsOfAnyLengthStayWithinTheInt8Bound() {
        System.setProperty(NpuMode.PROPERTY, "tflite-cpu");
        SplittableRandom rnd = new SplittableRandom(11);
        FullRange kernel = new FullRange();
        for (int n : new int[] {1, 5, 12, 64}) {
            FloatMatrix re = FloatMatrix.create(ROWS, n);
            FloatMatrix im = FloatMatrix.create(ROWS, n);
            for (int i = 0; i < ROWS * n; i++) {
                re.array()[i] = (float) rnd.nextDouble(-2, 6);
                im.array()[i] = (float) rnd.nextDouble(-1, 1) + 0.5f;
            }
            FloatMatrix outRe = FloatMatrix.create(ROWS, n);
            FloatMatrix outIm = FloatMatrix.create(ROWS, n);
            Arrays.fill(outRe.array(), Float.NaN);
            Arrays.fill(outIm.array(), Float.NaN);
            NpuDevice npu = NpuDevice.detect(1);
            try (ShmtRuntime rt = npuOnly(npu)) {
                Report report = run(rt, kernel, re, im, outRe, outIm);
                assertWithMessage("HLOPs on the npu, n = %s", n).that(report.hlopsOn("npu")).isEqualTo(3);
                NpuInterpreter it = npu.context().interpreter(FullRange.class.getName() + "@" + n + "x"
                        + ROWS_PER_HLOP, () -> {
                            throw new AssertionError("the model must already be built");
                        });
                double sIn = it.input(0).scale();
                double sOut = it.output(0).scale();
                DftModel model = kernel.model(n);
                double worst = 0;
                for (int r = 0; r < ROWS; r++) {
                    double[][] x = dft(re.array(), im.array(), r * n, n);
                    double s = rowScale(re.array(), im.array(), r * n, n);
                    double norm = 0;
                    for (int k = 0; k < n; k++) {
                        norm += x[0][k] * x[0][k] + x[1][k] * x[1][k];
                    }
                    double slack = 1e-6 * Math.sqrt(norm);
                    assertWithMessage("bin 0 of row %s, n = %s", r, n).that((double) outRe.get(r, 0))
                            .isWithin(slack).of(x[0][0]);
                    assertWithMessage("bin 0 of row %s, n = %s (im)", r, n).that((double) outIm.get(r, 0))
                            .isWithin(slack).of(x[1][0]);
                    for (int k = 1; k < n; k++) {
                        double g = 1 / model.unscale(k);
                        double bound = s * ((2 * n * (1 + 1 / 254.0)) * sIn / 2 + 2 * n / 254.0 + sOut / g) + slack;
                        double e = Math.max(Math.abs(outRe.get(r, k) - x[0][k]), Math.abs(outIm.get(r, k) - x[1][k]));
                        assertWithMessage("|npu - exact| at bin %s of row %s, n = %s", k, r, n).that(e)
                                .isAtMost(bound);
                        worst = Math.max(worst, e / bound);
                    }
                }
                System.out.printf("int8 DFT, n = %d: largest error %.3f of its bound%n", n, worst);
                if (n > 1) {
                    // The int8 path really ran: some error, and the bound is not orders of magnitude loose.
                    assertWithMessage("largest error over its bound, n = %s", n).that(worst).isGreaterThan(0.01);
                }
            }
        }
    }

    /** The largest |value - mean| over re and im of one row, as the kernel scales it. */
    private static double rowScale(float[] re, float[] im, int off, int n) {
        float[] scaled = new float[2 * n];
        return DftKernel.normalize(re, off, im, off, n, scaled, 0, new double[2], 0);
    }

    @Test
    void constantRowsHaveOnlyTheirSumInBinZero() {
        System.setProperty(NpuMode.PROPERTY, "tflite-cpu");
        int n = 16;
        FloatMatrix re = FloatMatrix.create(ROWS, n);
        FloatMatrix im = FloatMatrix.create(ROWS, n);
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < n; c++) {
                re.set(r, c, 10f * r - 3);
                im.set(r, c, -2f);
            }
        }
        FloatMatrix outRe = FloatMatrix.create(ROWS, n);
        FloatMatrix outIm = FloatMatrix.create(ROWS, n);
        Arrays.fill(outRe.array(), Float.NaN);
        try (ShmtRuntime rt = npuOnly(NpuDevice.detect(1))) {
            run(rt, new FullRange(), re, im, outRe, outIm);
        }
        for (int r = 0; r < ROWS; r++) {
            assertWithMessage("bin 0 of row %s", r).that(outRe.get(r, 0)).isEqualTo(n * (10f * r - 3));
            assertWithMessage("bin 0 of row %s (im)", r).that(outIm.get(r, 0)).isEqualTo(-2f * n);
            for (int k = 1; k < n; k++) {
                assertWithMessage("bin %s of row %s", k, r).that(outRe.get(r, k)).isEqualTo(0f);
                assertWithMessage("bin %s of row %s (im)", k, r).that(outIm.get(r, k)).isEqualTo(0f);
            }
        }
    }

    @Test
    void modelArgumentsAreChecked() {
        float[] four = {1, 1, 1, 1};
        assertWithMessage("n = 0").that(assertThrows(IllegalArgumentException.class, () -> new DftModel(0, four)))
                .hasMessageThat().isEqualTo("n must be in [1, 2048], got 0");
        assertWithMessage("n too large")
                .that(assertThrows(IllegalArgumentException.class, () -> new DftModel(4096, four)))
                .hasMessageThat().isEqualTo("n must be in [1, 2048], got 4096");
        assertWithMessage("ranges of the wrong length")
                .that(assertThrows(IllegalArgumentException.class, () -> new DftModel(8, four)))
                .hasMessageThat().isEqualTo("binRanges must hold one range per bin, 8, got 4");
        assertWithMessage("a negative range")
                .that(assertThrows(IllegalArgumentException.class, () -> new DftModel(4, new float[] {1, -1, 1, 1})))
                .hasMessageThat().isEqualTo("binRanges[1] must be finite and >= 0, got -1.0");
        assertWithMessage("a NaN range")
                .that(assertThrows(IllegalArgumentException.class,
                        () -> new DftModel(4, new float[] {1, 1, Float.NaN, 1})))
                .hasMessageThat().isEqualTo("binRanges[2] must be finite and >= 0, got NaN");
        assertWithMessage("all zero")
                .that(assertThrows(IllegalArgumentException.class, () -> new DftModel(4, new float[4])))
                .hasMessageThat().isEqualTo("binRanges must hold a value > 0");
        assertWithMessage("batch 0")
                .that(assertThrows(IllegalArgumentException.class, () -> new DftModel(4, four).build(0)))
                .hasMessageThat().isEqualTo("batch must be >= 1, got 0");
        DftModel m = new DftModel(4, new float[] {8, 2, 1e-9f, 4});
        assertWithMessage("R").that(m.outputMax()).isEqualTo(8f);
        assertWithMessage("unscale of bin 1").that(m.unscale(1)).isEqualTo(0.25f);
        assertWithMessage("a tiny range is stretched at most 4096 times").that(m.unscale(2)).isEqualTo(1f / 4096);
    }
}
