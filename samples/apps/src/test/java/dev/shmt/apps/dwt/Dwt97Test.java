package dev.shmt.apps.dwt;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Report;
import dev.shmt.apps.common.Images;
import dev.shmt.gpu.GpuDevice;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.device.CpuDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link Dwt97#forward} on the CPU against its double reference (within fp32 rounding) and the GPU
 * kernel's order of operations (bitwise), tiled against untiled for tiles of any parity, on the GPU where
 * there is one, and the CUDA kernel's taps against the Java floats.
 */
class Dwt97Test {
    /**
     * On inputs in [0, 255]: a row sum of nine products stays below 2.04 x 255 = 520 (the highpass's
     * sum of |taps|), so each of its 9 products and 9 additions rounds by at most 2^-15; the column sum
     * weighs nine such sums by at most 2.04 in all, and its own 18 roundings lie below 1061 (2^-14 each):
     * 2.04 x 18 x 2^-15 + 36 x 2^-15 < 73 x 2^-15.
     */
    static final double FP32_BOUND = 73 * 0x1p-15;

    private static FloatMatrix image(int rows, int cols) {
        return Images.structured(rows, cols, 13).withBorder(Border.REFLECT_101);
    }

    /** The GPU kernel fdwt97's operations in its order, through get(), at the cell's absolute parity. */
    private static float kernel(FloatMatrix s, int r, int c) {
        float[] fr = Dwt97.filter(s.originRow() + r);
        float[] fc = Dwt97.filter(s.originCol() + c);
        float sum = 0f;
        for (int i = 0; i < 9; i++) {
            float h = 0f;
            for (int j = 0; j < 9; j++) {
                h += fc[j] * s.get(r + i - 4, c + j - 4);
            }
            sum += fr[i] * h;
        }
        return sum;
    }

    @Test
    void cpuIsWithinFp32RoundingOfTheDoubleReference() {
        FloatMatrix src = image(203, 317);
        FloatMatrix got = FloatMatrix.create(203, 317);
        Dwt97.forward(src, got);
        double[] ref = Dwt97.reference(src);
        double worst = 0;
        for (int i = 0; i < ref.length; i++) {
            worst = Math.max(worst, Math.abs(got.array()[i] - ref[i]));
        }
        System.out.printf("dwt 203x317 on the cpu: max |error| %.2e, fp32 bound %.2e%n", worst, FP32_BOUND);
        assertWithMessage("max |cpu - double reference|").that(worst).isAtMost(FP32_BOUND);
    }

    @Test
    void cpuDoesTheGpuKernelsOperationsBitForBit() {
        int[][] shapes = {{1, 1}, {1, 7}, {7, 1}, {2, 2}, {5, 5}, {9, 40}, {40, 9}, {203, 317}};
        for (int[] s : shapes) {
            FloatMatrix src = image(s[0], s[1]);
            FloatMatrix got = FloatMatrix.create(s[0], s[1]);
            Dwt97.forward(src, got);
            float[] want = new float[s[0] * s[1]];
            for (int r = 0; r < s[0]; r++) {
                for (int c = 0; c < s[1]; c++) {
                    want[r * s[1] + c] = kernel(src, r, c);
                }
            }
            assertWithMessage("%sx%s image", s[0], s[1]).that(got.toArray()).isEqualTo(want);
        }
    }

    @Test
    void cpuTilesOfAnyParityAreBitwiseEqualToTheUntiledCall() {
        FloatMatrix src = image(203, 317);
        FloatMatrix want = FloatMatrix.create(203, 317);
        Dwt97.forward(src, want);
        int[][] tiles = {{203, 317}, {64, 64}, {63, 63}, {50, 101}, {7, 317}, {203, 9}, {1, 33}, {16, 1}};
        for (int[] t : tiles) {
            try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(2))
                    .policy("single:cpu").tileHint(t[0], t[1]).build()) {
                FloatMatrix got = FloatMatrix.create(203, 317);
                Arrays.fill(got.array(), Float.NaN);
                Report r = Dwt97Vops.forward(rt, src, got);
                assertWithMessage("HLOPs, %sx%s tiles", t[0], t[1]).that(r.hlopsOn("cpu"))
                        .isEqualTo(((203 + t[0] - 1) / t[0]) * ((317 + t[1] - 1) / t[1]));
                assertWithMessage("%sx%s tiles", t[0], t[1]).that(got.toArray()).isEqualTo(want.toArray());
            }
        }
    }

    @Test
    void gpuTilesOfAnyParityAreBitwiseEqualToTheUntiledCall() {
        FloatMatrix src = image(700, 555);
        FloatMatrix want = FloatMatrix.create(700, 555);
        Dwt97.forward(src, want);
        GpuDevice gpu = GpuDevice.detect(2).get(0);
        try {
            // Only a real GPU runs this; without one, native/gpu/cuda/emulate checks the kernel on the host.
            assumeTrue(gpu.status().isAvailable(), "no GPU: " + gpu.status().cause());
            try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(gpu).policy("single:gpu")
                    .tileHint(255, 255).build()) {
                FloatMatrix got = FloatMatrix.create(700, 555);
                Report r = Dwt97Vops.forward(rt, src, got);
                assertWithMessage("HLOPs on the gpu").that(r.hlopsOn("gpu")).isEqualTo(9);
                assertWithMessage("gpu tiles against the cpu call").that(got.toArray()).isEqualTo(want.toArray());
            }
        } finally {
            gpu.close();
        }
    }

    @Test
    void theCudaKernelsTapsAreTheJavaFloats() throws IOException {
        String cu = Files.readString(Path.of("src", "main", "cuda", "dev", "shmt", "apps", "dwt", "dwt.cu"));
        check(cu, "DWT97_LOW", Dwt97.LOW);
        check(cu, "DWT97_HIGH", Dwt97.HIGH);
    }

    private static void check(String cu, String name, float[] java) {
        Matcher m = Pattern.compile("__constant__ float " + name + "\\[9\\] = \\{([^}]*)}").matcher(cu);
        assertWithMessage("%s in dwt.cu", name).that(m.find()).isTrue();
        String[] taps = m.group(1).trim().split("\\s*,\\s*");
        float[] cuda = new float[taps.length];
        for (int i = 0; i < taps.length; i++) {
            cuda[i] = Float.parseFloat(taps[i].replaceAll("f$", ""));
        }
        assertWithMessage("%s", name).that(cuda).isEqualTo(java);
    }

    @Test
    void referenceOfAFlatImageIsAllLowpass() {
        // The lowpass sums to 1 and the highpass to 0: a flat image keeps its value in LL, 0 elsewhere.
        float[] a = new float[12 * 10];
        Arrays.fill(a, 100f);
        double[] ref = Dwt97.reference(FloatMatrix.wrap(a, 12, 10));
        for (int r = 0; r < 12; r++) {
            for (int c = 0; c < 10; c++) {
                double want = r % 2 == 0 && c % 2 == 0 ? 100 : 0;
                assertWithMessage("(%s, %s)", r, c).that(ref[r * 10 + c]).isWithin(1e-4).of(want);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dwt97.reference(null));
        assertWithMessage("message").that(e).hasMessageThat().startsWith("src must not be null");
    }
}
