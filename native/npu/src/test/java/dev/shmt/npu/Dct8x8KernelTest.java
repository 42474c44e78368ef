package dev.shmt.npu;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Partition;
import dev.shmt.api.Report;
import dev.shmt.api.ShmtExecutionException;
import dev.shmt.api.VopCall;
import dev.shmt.api.npu.NpuInterpreter;
import dev.shmt.api.npu.NpuKernel;
import dev.shmt.npu.kernels.Dct8x8Kernel;
import dev.shmt.npu.kernels.Dct8x8Model;
import dev.shmt.runtime.ShmtRuntime;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The int8 8x8 block DCT through a real NPU runtime, against the exact DCT in double, within its derived bound. */
class Dct8x8KernelTest {
    @AfterEach
    void clear() {
        System.clearProperty(NpuMode.PROPERTY);
    }

    /** Coefficients quantized over all a block in [-1, 1] can reach, so nothing saturates and the bound holds. */
    static final class FullRange extends Dct8x8Kernel {
        @Override
        protected float[] coefficientRanges() {
            return Dct8x8Model.boundRanges();
        }
    }

    /** C[u][x] = a(u) cos((2x + 1) u pi / 16) in double. */
    private static double[] cos() {
        double[] c = new double[64];
        for (int u = 0; u < 8; u++) {
            for (int x = 0; x < 8; x++) {
                c[u * 8 + x] = Math.sqrt((u == 0 ? 1.0 : 2.0) / 8) * Math.cos((2 * x + 1) * u * Math.PI / 16);
            }
        }
        return c;
    }

    /** (C X C^T)[v][u] of the block at (br, bc) of a dense matrix of {@code cols} columns. */
    private static double coefficient(float[] a, int cols, int br, int bc, int v, int u) {
        double[] c = cos();
        double s = 0;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                s += c[v * 8 + y] * c[u * 8 + x] * a[(br + y) * cols + bc + x];
            }
        }
        return s;
    }

    private static Report run(ShmtRuntime rt, Dct8x8Kernel kernel, FloatMatrix src, FloatMatrix dst, int tileRows,
            int tileCols) {
        VopCall call = VopCall.builder("dct", Partition.TILE_2D).shape(src.rows(), src.cols())
                .tileHint(tileRows, tileCols).arg("src", VopCall.Role.IN, src).arg("dst", VopCall.Role.OUT, dst)
                .implementation(NpuKernel.class, kernel).build();
        return rt.execute(call);
    }

    private static ShmtRuntime npuOnly(NpuDevice npu) {
        return ShmtRuntime.builder().discoverDevices(false).addDevice(npu).policy("single:npu").build();
    }

    /**
     * 24 x 40 cells in tiles of 16 x 24: four tile shapes (6, 4, 3 and 2 blocks), three of them away from the
     * origin. Per coefficient k, in units of the block's scale s (its largest deviation from its mean):
     * rounding the inputs to steps of sIn costs at most {@code L1[k] (1 + 1/254) sIn / 2}, L1[k] the sum of
     * |K[k][i]| over its basis row; the weights of k, scaled by its gain g and rounded to steps of
     * g max|K[k]| / 127, at most {@code 64 max|K[k]| / 254} for 64 inputs of at most 1; the output's
     * rounding one output step, {@code sOut / g}. 1e-5 of the block's largest value covers the host's fp32
     * arithmetic. The DC is the exact sum / 8.
     */
    @Test
    void blocksStayWithinTheInt8Bound() {
        System.setProperty(NpuMode.PROPERTY, "tflite-cpu");
        int rows = 24;
        int cols = 40;
        SplittableRandom rnd = new SplittableRandom(3);
        FloatMatrix src = FloatMatrix.create(rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                // Each block its own level and spread: from flat to full-range.
                int block = (r / 8) * 5 + c / 8;
                src.set(r, c, 20f * block + (float) rnd.nextDouble(-1, 1) * (block % 4 == 0 ? 0.5f : 10f * block));
            }
        }
        FloatMatrix dst = FloatMatrix.create(rows, cols);
        Arrays.fill(dst.array(), Float.NaN);
        FullRange kernel = new FullRange();
        NpuDevice npu = NpuDevice.detect(1);
        try (ShmtRuntime rt = npuOnly(npu)) {
            Report report = run(rt, kernel, src, dst, 16, 24);
            assertWithMessage("HLOPs on the npu").that(report.hlopsOn("npu")).isEqualTo(4);
            NpuInterpreter it = npu.context().interpreter(FullRange.class.getName() + "@6", () -> {
                throw new AssertionError("the model must already be built");
            });
            double sIn = it.input(0).scale();
            double sOut = it.output(0).scale();
            float[] l1 = Dct8x8Model.boundRanges();
            double[] c = cos();
            Dct8x8Model model = kernel.model();
            double worst = 0;
            for (int br = 0; br < rows; br += 8) {
                for (int bc = 0; bc < cols; bc += 8) {
                    float[] scaled = new float[64];
                    double s = Dct8x8Kernel.normalize(src.array(), br * cols + bc, cols, scaled, 0, new double[1], 0);
                    double largest = 0;
                    for (int y = 0; y < 8; y++) {
                        for (int x = 0; x < 8; x++) {
                            largest = Math.max(largest, Math.abs(src.get(br + y, bc + x)));
                        }
                    }
                    double slack = 1e-5 * largest;
                    for (int v = 0; v < 8; v++) {
                        for (int u = 0; u < 8; u++) {
                            int k = v * 8 + u;
                            double exact = coefficient(src.array(), cols, br, bc, v, u);
                            double e = Math.abs(dst.get(br + v, bc + u) - exact);
                            if (k == 0) {
                                assertWithMessage("DC of block (%s, %s)", br, bc).that(e).isAtMost(slack);
                                continue;
                            }
                            double maxK = Math.abs(c[v * 8] * c[u * 8]);
                            for (int i = 0; i < 64; i++) {
                                maxK = Math.max(maxK, Math.abs(c[v * 8 + i / 8] * c[u * 8 + i % 8]));
                            }
                            double g = 1 / model.unscale(k);
                            double bound = s * (l1[k] * (1 + 1 / 254.0) * sIn / 2 + 64 * maxK / 254 + sOut / g) + slack;
                            assertWithMessage("|npu - exact| at (%s, %s) of block (%s, %s)", v, u, br, bc).that(e)
                                    .isAtMost(bound);
                            worst = Math.max(worst, e / bound);
                        }
                    }
                }
            }
            System.out.printf("int8 8x8 DCT: largest error %.3f of its bound%n", worst);
            // The int8 path really ran: some error, and the bound is not orders of magnitude loose.
            assertWithMessage("largest error over its bound").that(worst).isGreaterThan(0.01);
        }
    }

    @Test
    void constantBlocksHaveOnlyTheirDc() {
        System.setProperty(NpuMode.PROPERTY, "tflite-cpu");
        FloatMatrix src = FloatMatrix.create(16, 16);
        for (int r = 0; r < 16; r++) {
            for (int c = 0; c < 16; c++) {
                src.set(r, c, 3f * (r / 8) + 7f * (c / 8) - 5f);
            }
        }
        FloatMatrix dst = FloatMatrix.create(16, 16);
        Arrays.fill(dst.array(), Float.NaN);
        try (ShmtRuntime rt = npuOnly(NpuDevice.detect(1))) {
            run(rt, new FullRange(), src, dst, 8, 16);
        }
        for (int r = 0; r < 16; r++) {
            for (int c = 0; c < 16; c++) {
                float want = r % 8 == 0 && c % 8 == 0 ? 8 * src.get(r, c) : 0f;
                assertWithMessage("(%s, %s)", r, c).that(dst.get(r, c)).isEqualTo(want);
            }
        }
    }

    @Test
    void tilesOfPartialBlocksAreRefused() {
        System.setProperty(NpuMode.PROPERTY, "tflite-cpu");
        FloatMatrix src = FloatMatrix.create(16, 16);
        try (ShmtRuntime rt = npuOnly(NpuDevice.detect(1))) {
            ShmtExecutionException e = assertThrows(ShmtExecutionException.class,
                    () -> run(rt, new FullRange(), src, FloatMatrix.create(16, 16), 12, 16));
            assertWithMessage("message").that(e).hasMessageThat()
                    .contains("dct: the NPU 8x8 DCT needs tiles of whole 8 x 8 blocks (a call with tileMultiple 8 gets only"
                            + " those)");
        }
    }

    @Test
    void modelArgumentsAreChecked() {
        assertWithMessage("ranges of the wrong length")
                .that(assertThrows(IllegalArgumentException.class, () -> new Dct8x8Model(new float[8])))
                .hasMessageThat().isEqualTo("coefficientRanges must hold one range per coefficient, 64, got 8");
        float[] r = new float[64];
        Arrays.fill(r, 1f);
        r[3] = -1f;
        assertWithMessage("a negative range")
                .that(assertThrows(IllegalArgumentException.class, () -> new Dct8x8Model(r)))
                .hasMessageThat().isEqualTo("coefficientRanges[3] must be finite and >= 0, got -1.0");
        assertWithMessage("all zero")
                .that(assertThrows(IllegalArgumentException.class, () -> new Dct8x8Model(new float[64])))
                .hasMessageThat().isEqualTo("coefficientRanges must hold a value > 0");
        r[3] = 1e-9f;
        r[5] = 8f;
        Dct8x8Model m = new Dct8x8Model(r);
        assertWithMessage("R").that(m.outputMax()).isEqualTo(8f);
        assertWithMessage("unscale of k = 1").that(m.unscale(1)).isEqualTo(0.125f);
        assertWithMessage("a tiny range is stretched at most 4096 times").that(m.unscale(3)).isEqualTo(1f / 4096);
        assertWithMessage("blocks 0").that(assertThrows(IllegalArgumentException.class, () -> m.build(0)))
                .hasMessageThat().isEqualTo("blocks must be >= 1, got 0");
        // The DC's basis row is 64 times 1/8: a block in [-1, 1] reaches 8 at most.
        assertWithMessage("DC bound").that((double) Dct8x8Model.boundRanges()[0]).isWithin(1e-6).of(8.0);
    }
}
