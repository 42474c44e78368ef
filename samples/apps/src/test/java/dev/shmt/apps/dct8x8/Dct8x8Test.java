package dev.shmt.apps.dct8x8;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Report;
import dev.shmt.apps.common.Images;
import dev.shmt.npu.NpuDevice;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.device.CpuDevice;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link Dct8x8#forward} on the CPU: against its double reference (within fp32 rounding), against the GPU
 * kernel's order of operations (bitwise), tiled against untiled (also with a tile hint that is not a
 * multiple of 8, on the CPU and the NPU), and the images and views it refuses.
 */
class Dct8x8Test {
    /**
     * On inputs in [0, 255], with u = 2^-24 and L = max_u sum_x |C[u][x]| = 2 sqrt(2) (the DC row; the
     * others sum to at most 2.57). The float table is C(1 + t), |t| <= u. A sum of 8 products rounds to
     * within gamma_8 = 8u / (1 - 8u) of its exact value, times the sum of the products' magnitudes (Higham,
     * Accuracy and Stability, (3.5)), so the row pass's R is within e1 = (gamma_8 (1 + u) + u) 255 L ~ 9u x
     * 255 L of the exact rows, |R| <= 255 L; the column pass adds 9u x L (255 L + e1) for its own
     * roundings and L e1 for its inputs': 18u x 255 L^2 = 2.2e-3 in all (rounded up to 18.1u for the
     * second-order terms), against coefficients up to 8 x 255 = 2040.
     */
    static final double BOUND = 18.1 * 0x1p-24 * 255 * 8;

    private static FloatMatrix image(int rows, int cols) {
        return Images.structured(rows, cols, 11);
    }

    /** The GPU kernel dct8x8's operations for one output cell, in its order, through get(). */
    static float kernelCell(FloatMatrix s, int r, int c) {
        float[] cos = Dct8x8.COS;
        int br = r & ~7;
        int bc = c & ~7;
        int v = r & 7;
        int u = c & 7;
        float[] rowPass = new float[8];
        for (int y = 0; y < 8; y++) {
            float sum = cos[u * 8] * s.get(br + y, bc);
            for (int x = 1; x < 8; x++) {
                sum = sum + cos[u * 8 + x] * s.get(br + y, bc + x);
            }
            rowPass[y] = sum;
        }
        float sum = cos[v * 8] * rowPass[0];
        for (int y = 1; y < 8; y++) {
            sum = sum + cos[v * 8 + y] * rowPass[y];
        }
        return sum;
    }

    @Test
    void cpuIsWithinFp32RoundingOfTheDoubleReference() {
        FloatMatrix src = image(200, 320);
        FloatMatrix got = FloatMatrix.create(src.rows(), src.cols());
        Dct8x8.forward(src, got);
        double[] ref = Dct8x8.reference(src);
        double worst = 0;
        for (int i = 0; i < ref.length; i++) {
            worst = Math.max(worst, Math.abs(got.array()[i] - ref[i]));
        }
        System.out.printf("dct8x8 200x320 on the cpu: max |error| %.2e, fp32 bound %.2e%n", worst, BOUND);
        assertWithMessage("dct8x8: max |cpu - double reference|").that(worst).isAtMost(BOUND);
    }

    @Test
    void cpuDoesTheGpuKernelsOperationsBitForBit() {
        int[][] shapes = {{8, 8}, {8, 16}, {16, 8}, {24, 40}, {200, 320}};
        for (int[] s : shapes) {
            FloatMatrix src = image(s[0], s[1]);
            bitForBit(s[0] + "x" + s[1] + " image", src);
        }
        // A view with an offset and a wider stride, and values beyond an image's: NaN, infinities, -0.
        int rows = 32;
        int cols = 48;
        float[] data = new float[(rows + 3) * (cols + 5)];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) rnd.nextDouble(-1e4, 1e4);
        }
        data[2 * (cols + 5) + 7 + 3] = Float.NaN;
        data[12 * (cols + 5) + 7 + 20] = Float.POSITIVE_INFINITY;
        data[20 * (cols + 5) + 7 + 40] = -0f;
        bitForBit("32x48 view with NaN and infinity", FloatMatrix.wrap(data, cols + 5 + 7, rows, cols, cols + 5));
    }

    private static void bitForBit(String what, FloatMatrix src) {
        FloatMatrix got = FloatMatrix.create(src.rows(), src.cols());
        Dct8x8.forward(src, got);
        float[] want = new float[src.rows() * src.cols()];
        for (int r = 0; r < src.rows(); r++) {
            for (int c = 0; c < src.cols(); c++) {
                want[r * src.cols() + c] = kernelCell(src, r, c);
            }
        }
        float[] g = got.toArray();
        for (int i = 0; i < want.length; i++) {
            // NaN payloads may differ; any NaN matches any NaN.
            if (Float.isNaN(want[i]) && Float.isNaN(g[i])) {
                g[i] = want[i];
            }
        }
        assertWithMessage("dct8x8 %s", what).that(g).isEqualTo(want);
    }

    @Test
    void cpuTilesAreBitwiseEqualToTheUntiledCall() {
        FloatMatrix src = image(200, 320);
        FloatMatrix want = FloatMatrix.create(src.rows(), src.cols());
        Dct8x8.forward(src, want);
        int[][] tiles = {{200, 320}, {64, 64}, {48, 96}, {8, 320}, {200, 8}, {8, 8}, {40, 24}};
        for (int[] t : tiles) {
            try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(2))
                    .policy("single:cpu").tileHint(t[0], t[1]).build()) {
                int hlops = ((src.rows() + t[0] - 1) / t[0]) * ((src.cols() + t[1] - 1) / t[1]);
                FloatMatrix got = FloatMatrix.create(src.rows(), src.cols());
                Arrays.fill(got.array(), Float.NaN);
                Report r = Dct8x8Vops.forward(rt, src, got);
                assertWithMessage("HLOPs, %sx%s tiles", t[0], t[1]).that(r.hlopsOn("cpu")).isEqualTo(hlops);
                assertWithMessage("%sx%s tiles", t[0], t[1]).that(got.toArray()).isEqualTo(want.toArray());
            }
        }
        // The VOP's own tile (256 x 256) is cut down to the image and stays whole blocks.
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(2))
                .policy("single:cpu").build()) {
            FloatMatrix big = image(520, 264);
            FloatMatrix got = FloatMatrix.create(big.rows(), big.cols());
            Report r = Dct8x8Vops.forward(rt, big, got);
            FloatMatrix whole = FloatMatrix.create(big.rows(), big.cols());
            Dct8x8.forward(big, whole);
            assertWithMessage("HLOPs of the VOP's own tile").that(r.hlopsOn("cpu")).isEqualTo(3 * 2);
            assertWithMessage("520x264 in the VOP's own tiles").that(got.toArray()).isEqualTo(whole.toArray());
        }
    }

    /**
     * The VOP declares tileMultiple 8: a runtime's tile hint of 100 x 100 runs as 96 x 96 tiles (the last
     * row and column of tiles 8 and 32 wide), each starting on a block, and gives the untiled result
     * bitwise, on the CPU and on the NPU (whose blocks are computed and scaled one by one, so its result
     * does not depend on the tiling either).
     */
    @Test
    void aTileHintThatIsNotAMultipleOf8IsRoundedDownAndGivesTheUntiledResult() {
        FloatMatrix src = image(200, 320);
        FloatMatrix want = FloatMatrix.create(src.rows(), src.cols());
        Dct8x8.forward(src, want);
        FloatMatrix got = FloatMatrix.create(src.rows(), src.cols());
        Arrays.fill(got.array(), Float.NaN);
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(2))
                .policy("single:cpu").tileHint(100, 100).build()) {
            Report r = Dct8x8Vops.forward(rt, src, got);
            assertWithMessage("HLOPs of 96 x 96 tiles").that(r.hlopsOn("cpu")).isEqualTo(3 * 4);
            for (Report.HlopRecord h : r.hlops()) {
                assertWithMessage("tile %s", h.region()).that(h.region().rows()).isAnyOf(96, 8);
                assertWithMessage("tile %s", h.region()).that(h.region().cols()).isAnyOf(96, 32);
            }
        }
        assertWithMessage("cpu, tile hint 100 x 100").that(got.toArray()).isEqualTo(want.toArray());

        System.setProperty("shmt.npu", "tflite-cpu");
        try {
            float[] untiled = onNpu(src, 200, 320);
            assertWithMessage("npu, tile hint 100 x 100").that(onNpu(src, 100, 100)).isEqualTo(untiled);
        } finally {
            System.clearProperty("shmt.npu");
        }
    }

    private static float[] onNpu(FloatMatrix src, int tileRows, int tileCols) {
        FloatMatrix out = FloatMatrix.create(src.rows(), src.cols());
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(NpuDevice.detect(1))
                .policy("single:npu").tileHint(tileRows, tileCols).build()) {
            Dct8x8Vops.forward(rt, src, out);
        }
        return out.toArray();
    }

    @Test
    void imagesAndViewsOfPartialBlocksAreRefused() {
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(1))
                .policy("single:cpu").tileHint(12, 16).build()) {
            FloatMatrix dst = FloatMatrix.create(20, 24);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Dct8x8Vops.forward(rt, image(20, 24), dst));
            assertWithMessage("message").that(e).hasMessageThat().isEqualTo("Dct8x8.forward: argument 'src' must be"
                    + " whole 8 x 8 blocks (rows and columns multiples of 8), got 20 x 24");
            // A whole-block image with a tile hint of partial blocks: the runtime cuts 8 x 16 tiles instead.
            FloatMatrix src = image(48, 48);
            FloatMatrix got = FloatMatrix.create(48, 48);
            assertWithMessage("HLOPs of 8 x 16").that(Dct8x8Vops.forward(rt, src, got).hlopsOn("cpu")).isEqualTo(6 * 3);
            FloatMatrix want = FloatMatrix.create(48, 48);
            Dct8x8.forward(src, want);
            assertWithMessage("tile hint 12 x 16").that(got.toArray()).isEqualTo(want.toArray());
        }
        // Only a direct call can hand the body a view of partial blocks.
        FloatMatrix whole = image(32, 32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dct8x8.forward(whole.region(4, 0, 8, 8), FloatMatrix.create(8, 8)));
        assertWithMessage("message").that(e).hasMessageThat().isEqualTo("Dct8x8.forward: a tile must be whole 8 x 8"
                + " blocks of the image (rows, columns and origin multiples of 8), got 8 x 8 at (4, 0)");
        e = assertThrows(IllegalArgumentException.class, () -> Dct8x8.reference(image(8, 12)));
        assertWithMessage("message").that(e).hasMessageThat().contains("got 8 x 12");
        e = assertThrows(IllegalArgumentException.class, () -> Dct8x8.reference(null));
        assertWithMessage("message").that(e).hasMessageThat().contains("src");
    }

    @Test
    void referenceOfKnownBlocks() {
        // Block 0 constant 10: only its DC, 8 x 10 = 80. Block 1 the basis image of (v, u) = (2, 5),
        // C[2][y] C[5][x]: 1 at (2, 5) and 0 elsewhere (the basis is orthonormal).
        double[] c = Dct8x8.coefficients();
        float[] a = new float[8 * 16];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                a[y * 16 + x] = 10f;
                a[y * 16 + 8 + x] = (float) (c[2 * 8 + y] * c[5 * 8 + x]);
            }
        }
        double[] ref = Dct8x8.reference(FloatMatrix.wrap(a, 8, 16));
        for (int v = 0; v < 8; v++) {
            for (int u = 0; u < 8; u++) {
                assertWithMessage("constant block (%s, %s)", v, u).that(ref[v * 16 + u])
                        .isWithin(1e-12).of(v == 0 && u == 0 ? 80.0 : 0.0);
                // The basis image went through floats: within their rounding (2^-24 relative, 64 cells).
                assertWithMessage("basis block (%s, %s)", v, u).that(ref[v * 16 + 8 + u])
                        .isWithin(1e-6).of(v == 2 && u == 5 ? 1.0 : 0.0);
            }
        }
        // And the float table is the double one rounded once.
        for (int i = 0; i < 64; i++) {
            assertWithMessage("COS[%s]", i).that(Dct8x8.COS[i]).isEqualTo((float) c[i]);
        }
    }

    @Test
    void inPlaceIsTheSameAsIntoAnotherMatrix() {
        FloatMatrix src = image(40, 56);
        FloatMatrix want = FloatMatrix.create(40, 56);
        Dct8x8.forward(src, want);
        Dct8x8.forward(src, src);
        assertWithMessage("in place").that(src.toArray()).isEqualTo(want.toArray());
    }
}
