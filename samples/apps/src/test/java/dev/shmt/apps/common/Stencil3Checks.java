package dev.shmt.apps.common;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.device.CpuDevice;
import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What a 3 x 3 image filter's CPU body ({@link Stencil3Interior} and {@link Interior#rim}) must do, for each
 * filter's test to call: stay within fp32 rounding of its double reference, do the GPU kernel's operations
 * bit for bit, and give the same bits tiled as untiled.
 */
public final class Stencil3Checks {
    private Stencil3Checks() {}

    /** The generated call of a filter VOP on a runtime. */
    public interface Tiled {
        Report call(Shmt rt, FloatMatrix src, FloatMatrix dst);
    }

    /** A structured image, REFLECT_101 past its edges as the filters read it. */
    public static FloatMatrix image(int rows, int cols) {
        return Images.structured(rows, cols, 11).withBorder(Border.REFLECT_101);
    }

    /** The filter {@code vop} on a 203 x 317 image is within {@code bound} of {@code reference}, cell by cell. */
    public static void withinRounding(String name, BiConsumer<FloatMatrix, FloatMatrix> vop,
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

    /**
     * The filter {@code vop} gives, bit for bit, what {@code kernel} (the GPU kernel's operations in its
     * order, through get()) gives per cell, on images with no interior, a one-cell interior and wider ones
     * (the interior has its own loops).
     */
    public static void bitForBit(String name, BiConsumer<FloatMatrix, FloatMatrix> vop, Interior.Cell kernel) {
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

    /** {@code tiled} on the CPU in tiles of several shapes gives the bits of {@code vop} called on the whole image. */
    public static void tilesEqualTheUntiledCall(String name, BiConsumer<FloatMatrix, FloatMatrix> vop, Tiled tiled) {
        FloatMatrix src = image(203, 317);
        FloatMatrix want = FloatMatrix.create(src.rows(), src.cols());
        vop.accept(src, want);
        int[][] tiles = {{203, 317}, {64, 64}, {50, 100}, {7, 317}, {203, 9}, {1, 33}, {16, 1}};
        for (int[] t : tiles) {
            try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(2))
                    .policy("single:cpu").tileHint(t[0], t[1]).build()) {
                int hlops = ((src.rows() + t[0] - 1) / t[0]) * ((src.cols() + t[1] - 1) / t[1]);
                FloatMatrix got = FloatMatrix.create(src.rows(), src.cols());
                Arrays.fill(got.array(), Float.NaN);
                Report r = tiled.call(rt, src, got);
                assertWithMessage("%s HLOPs, %sx%s tiles", name, t[0], t[1]).that(r.hlopsOn("cpu")).isEqualTo(hlops);
                assertWithMessage("%s %sx%s tiles", name, t[0], t[1]).that(got.toArray()).isEqualTo(want.toArray());
            }
        }
    }

    /** A {@code rows x cols} ramp, {@code src(r, c) = c}, REFLECT_101 past its edges. */
    public static FloatMatrix ramp(int rows, int cols) {
        float[] a = new float[rows * cols];
        for (int i = 0; i < a.length; i++) {
            a[i] = i % cols;
        }
        return FloatMatrix.wrap(a, rows, cols).withBorder(Border.REFLECT_101);
    }
}
