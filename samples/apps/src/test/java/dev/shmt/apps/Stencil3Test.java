package dev.shmt.apps;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Report;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.device.CpuDevice;
import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link ImageOps#laplacian} and {@link ImageOps#mean3} on the CPU: against their double references (within
 * fp32 rounding), against the GPU kernels' order of operations (bitwise), and tiled against untiled.
 */
class Stencil3Test {
    /**
     * On inputs in [0, 255]: up + down and left + right are below 512 (half an ulp 2^-16), their sum and
     * the final difference below 1024 in magnitude (2^-15), and 4 x centre is exact: 3 x 2^-15 in all.
     */
    static final double LAPLACIAN_BOUND = 3 * 0x1p-15;

    /**
     * On inputs in [0, 255]: each row sum rounds below 512 and below 1024 (1.5 x 2^-15), the three rows'
     * sum below 2048 and 4096 (2^-14 + 2^-13): 10.5 x 2^-15 over the exact sum, a ninth of it after the
     * division. Then 1/9 as a float is off by 2^-24 relative (255 x 2^-24 at most) and the product rounds
     * below 256 (2^-17).
     */
    static final double MEAN3_BOUND = 10.5 * 0x1p-15 / 9 + 255 * 0x1p-24 + 0x1p-17;

    private static FloatMatrix image(int rows, int cols) {
        return Images.structured(rows, cols, 11).withBorder(Border.REFLECT_101);
    }

    /** The GPU kernel laplacian3's operations in its order, through get(). */
    private static float laplacian3(FloatMatrix s, int r, int c) {
        return ((s.get(r - 1, c) + s.get(r + 1, c)) + (s.get(r, c - 1) + s.get(r, c + 1))) - 4f * s.get(r, c);
    }

    /** The GPU kernel mean3's operations in its order, through get(). */
    private static float mean3(FloatMatrix s, int r, int c) {
        float u = (s.get(r - 1, c - 1) + s.get(r - 1, c)) + s.get(r - 1, c + 1);
        float m = (s.get(r, c - 1) + s.get(r, c)) + s.get(r, c + 1);
        float d = (s.get(r + 1, c - 1) + s.get(r + 1, c)) + s.get(r + 1, c + 1);
        return ((u + m) + d) * (1f / 9f);
    }

    private static void withinRounding(String name, BiConsumer<FloatMatrix, FloatMatrix> vop,
                                       Function<FloatMatrix, double[]> reference, double bound) {
        FloatMatrix src = image(203, 317);
        FloatMatrix got = FloatMatrix.create(src.rows(), src.cols());
        vop.accept(src, got);
        double[] ref = reference.apply(src);
        double worst = 0;
        for (int i = 0; i < ref.length; i++) {
            worst = Math.max(worst, Math.abs(got.array()[i] - ref[i]));
        }
        System.out.printf("%s 203x317 on the cpu: max |error| %.2e, fp32 bound %.2e%n", name, worst, bound);
        assertWithMessage("%s: max |cpu - double reference|", name).that(worst).isAtMost(bound);
    }

    @Test
    void cpuIsWithinFp32RoundingOfTheDoubleReference() {
        withinRounding("laplacian", ImageOps::laplacian, ImageOps::laplacianReference, LAPLACIAN_BOUND);
        withinRounding("mean3", ImageOps::mean3, ImageOps::mean3Reference, MEAN3_BOUND);
    }

    private interface Cell {
        float at(FloatMatrix s, int r, int c);
    }

    private static void bitForBit(String name, BiConsumer<FloatMatrix, FloatMatrix> vop, Cell kernel) {
        // Shapes with no interior, a one-cell interior, and wider ones (the interior has its own loops).
        int[][] shapes = {{1, 1}, {1, 7}, {7, 1}, {2, 2}, {3, 3}, {3, 40}, {40, 3}, {203, 317}};
        for (int[] s : shapes) {
            FloatMatrix src = image(s[0], s[1]);
            FloatMatrix got = FloatMatrix.create(s[0], s[1]);
            vop.accept(src, got);
            float[] want = new float[s[0] * s[1]];
            for (int r = 0; r < s[0]; r++) {
                for (int c = 0; c < s[1]; c++) {
                    want[r * s[1] + c] = kernel.at(src, r, c);
                }
            }
            assertWithMessage("%s %sx%s image", name, s[0], s[1]).that(got.toArray()).isEqualTo(want);
        }
    }

    @Test
    void cpuDoesTheGpuKernelsOperationsBitForBit() {
        bitForBit("laplacian", ImageOps::laplacian, Stencil3Test::laplacian3);
        bitForBit("mean3", ImageOps::mean3, Stencil3Test::mean3);
    }

    @Test
    void cpuTilesAreBitwiseEqualToTheUntiledCall() {
        FloatMatrix src = image(203, 317);
        FloatMatrix wantLaplacian = FloatMatrix.create(src.rows(), src.cols());
        FloatMatrix wantMean = FloatMatrix.create(src.rows(), src.cols());
        ImageOps.laplacian(src, wantLaplacian);
        ImageOps.mean3(src, wantMean);
        int[][] tiles = {{203, 317}, {64, 64}, {50, 100}, {7, 317}, {203, 9}, {1, 33}, {16, 1}};
        for (int[] t : tiles) {
            try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(2))
                    .policy("single:cpu").tileHint(t[0], t[1]).build()) {
                int hlops = ((src.rows() + t[0] - 1) / t[0]) * ((src.cols() + t[1] - 1) / t[1]);
                FloatMatrix got = FloatMatrix.create(src.rows(), src.cols());
                Arrays.fill(got.array(), Float.NaN);
                Report r = ImageOpsVops.laplacian(rt, src, got);
                assertWithMessage("laplacian HLOPs, %sx%s tiles", t[0], t[1]).that(r.hlopsOn("cpu")).isEqualTo(hlops);
                assertWithMessage("laplacian %sx%s tiles", t[0], t[1]).that(got.toArray())
                        .isEqualTo(wantLaplacian.toArray());
                Arrays.fill(got.array(), Float.NaN);
                r = ImageOpsVops.mean3(rt, src, got);
                assertWithMessage("mean3 HLOPs, %sx%s tiles", t[0], t[1]).that(r.hlopsOn("cpu")).isEqualTo(hlops);
                assertWithMessage("mean3 %sx%s tiles", t[0], t[1]).that(got.toArray()).isEqualTo(wantMean.toArray());
            }
        }
    }

    @Test
    void referencesOfARampAreKnown() {
        // src(r, c) = c: every interior Laplacian is 0 and every interior mean is c; at column 0, REFLECT_101
        // reads column 1 on both sides, so the Laplacian is 1 + 1 - 0 = 2 and the mean (1 + 0 + 1) / 3 = 2/3.
        int rows = 5;
        int cols = 6;
        float[] a = new float[rows * cols];
        for (int i = 0; i < a.length; i++) {
            a[i] = i % cols;
        }
        FloatMatrix src = FloatMatrix.wrap(a, rows, cols).withBorder(Border.REFLECT_101);
        double[] lap = ImageOps.laplacianReference(src);
        double[] mean = ImageOps.mean3Reference(src);
        for (int r = 0; r < rows; r++) {
            assertWithMessage("laplacian (%s, 0)", r).that(lap[r * cols]).isWithin(1e-12).of(2.0);
            assertWithMessage("mean (%s, 0)", r).that(mean[r * cols]).isWithin(1e-12).of(2.0 / 3);
            for (int c = 1; c < cols - 1; c++) {
                assertWithMessage("laplacian (%s, %s)", r, c).that(lap[r * cols + c]).isWithin(1e-12).of(0.0);
                assertWithMessage("mean (%s, %s)", r, c).that(mean[r * cols + c]).isWithin(1e-12).of(c);
            }
        }
    }

    @Test
    void referencesRefuseNull() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageOps.laplacianReference(null));
        assertWithMessage("message").that(e).hasMessageThat().contains("src");
        e = assertThrows(IllegalArgumentException.class, () -> ImageOps.mean3Reference(null));
        assertWithMessage("message").that(e).hasMessageThat().contains("mean filter");
    }
}
