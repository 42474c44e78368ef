package dev.shmt.apps.srad;

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
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link Srad}'s two VOPs on the CPU against the double reference (within fp32 rounding), tiled against
 * untiled, on the GPU where there is one. (The CUDA kernels' order of operations is checked against a
 * transcription of {@link Srad#cell} and {@link Srad#step} by native/gpu/cuda/emulate, bit for bit.)
 */
class SradTest {
    /**
     * J lies in [1, e]. An update adds lambda / 4 times four coefficient-weighted differences: a
     * coefficient in fp32 is some ten roundings from exact (2^-24 each, relative), a difference of two
     * values below 4 rounds by 2^-23, and the sum and update round below 4 (2^-22): under 2^-20 per
     * iteration for cells whose coefficient is not clamped. A clamped coefficient (0 or 1) is exact.
     * So 4 iterations stay below 2^-18, earlier errors being averaged, not amplified, by the diffusion.
     */
    static final double BOUND = 0x1p-18;

    private static FloatMatrix image(int rows, int cols, long seed) {
        FloatMatrix m = Images.structured(rows, cols, seed);
        float[] a = m.array();
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) Math.exp(a[i] / 255.0);
        }
        return m.withBorder(Border.CLAMP);
    }

    private static FloatMatrix iterate(FloatMatrix j, int iterations, float lambda) {
        FloatMatrix from = j;
        for (int it = 0; it < iterations; it++) {
            FloatMatrix c = FloatMatrix.create(j.rows(), j.cols()).withBorder(Border.CLAMP);
            FloatMatrix to = FloatMatrix.create(j.rows(), j.cols()).withBorder(Border.CLAMP);
            Srad.coefficient(from, c, Srad.q0sqr(from));
            Srad.update(from, c, to, lambda);
            from = to;
        }
        return from;
    }

    @Test
    void cpuIsWithinFp32RoundingOfTheDoubleReference() {
        FloatMatrix j = image(203, 317, 3);
        float[] got = iterate(j, 4, 0.5f).array();
        double[] ref = Srad.reference(j, 0.5f, 4);
        double worst = 0;
        for (int i = 0; i < ref.length; i++) {
            worst = Math.max(worst, Math.abs(got[i] - ref[i]));
        }
        System.out.printf("srad 203x317, 4 iterations on the cpu: max |error| %.2e, bound %.2e%n", worst, BOUND);
        assertWithMessage("max |cpu - double reference|").that(worst).isAtMost(BOUND);
    }

    @Test
    void cpuTilesAreBitwiseEqualToTheUntiledCalls() {
        FloatMatrix j = image(203, 317, 4);
        float q0 = Srad.q0sqr(j);
        FloatMatrix wantC = FloatMatrix.create(203, 317).withBorder(Border.CLAMP);
        FloatMatrix wantNext = FloatMatrix.create(203, 317);
        Srad.coefficient(j, wantC, q0);
        Srad.update(j, wantC, wantNext, 0.5f);
        int[][] tiles = {{203, 317}, {64, 64}, {50, 100}, {7, 317}, {203, 9}, {1, 33}, {16, 1}};
        for (int[] t : tiles) {
            try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(2))
                    .policy("single:cpu").tileHint(t[0], t[1]).build()) {
                FloatMatrix c = FloatMatrix.create(203, 317).withBorder(Border.CLAMP);
                FloatMatrix next = FloatMatrix.create(203, 317);
                Arrays.fill(c.array(), Float.NaN);
                Arrays.fill(next.array(), Float.NaN);
                Report r = SradVops.coefficient(rt, j, c, q0);
                assertWithMessage("HLOPs, %sx%s tiles", t[0], t[1]).that(r.hlopsOn("cpu"))
                        .isEqualTo(((203 + t[0] - 1) / t[0]) * ((317 + t[1] - 1) / t[1]));
                assertWithMessage("coefficients, %sx%s tiles", t[0], t[1]).that(c.toArray()).isEqualTo(wantC.toArray());
                SradVops.update(rt, j, c, next, 0.5f);
                assertWithMessage("update, %sx%s tiles", t[0], t[1]).that(next.toArray()).isEqualTo(wantNext.toArray());
            }
        }
    }

    @Test
    void gpuTilesAreBitwiseEqualToTheUntiledCalls() {
        FloatMatrix j = image(700, 555, 5);
        float q0 = Srad.q0sqr(j);
        FloatMatrix wantC = FloatMatrix.create(700, 555).withBorder(Border.CLAMP);
        FloatMatrix wantNext = FloatMatrix.create(700, 555);
        Srad.coefficient(j, wantC, q0);
        Srad.update(j, wantC, wantNext, 0.5f);
        GpuDevice gpu = GpuDevice.detect(2).get(0);
        try {
            // Only a real GPU runs this; without one, native/gpu/cuda/emulate checks the kernel on the host.
            assumeTrue(gpu.status().isAvailable(), "no GPU: " + gpu.status().cause());
            try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(gpu).policy("single:gpu")
                    .tileHint(256, 256).build()) {
                FloatMatrix c = FloatMatrix.create(700, 555).withBorder(Border.CLAMP);
                FloatMatrix next = FloatMatrix.create(700, 555);
                SradVops.coefficient(rt, j, c, q0);
                assertWithMessage("coefficients").that(c.toArray()).isEqualTo(wantC.toArray());
                SradVops.update(rt, j, c, next, 0.5f);
                assertWithMessage("update").that(next.toArray()).isEqualTo(wantNext.toArray());
            }
        } finally {
            gpu.close();
        }
    }

    @Test
    void coefficientsStayInZeroToOneAndReferenceRefusesBadArguments() {
        FloatMatrix j = image(64, 64, 6);
        FloatMatrix c = FloatMatrix.create(64, 64);
        Srad.coefficient(j, c, Srad.q0sqr(j));
        for (float v : c.array()) {
            assertWithMessage("coefficient").that(v).isIn(com.google.common.collect.Range.closed(0f, 1f));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Srad.reference(null, 0.5f, 1));
        assertWithMessage("message").that(e).hasMessageThat().startsWith("j must not be null");
        e = assertThrows(IllegalArgumentException.class, () -> Srad.reference(j, 0.5f, -1));
        assertWithMessage("message").that(e).hasMessageThat().isEqualTo("iterations must be >= 0, got -1");
    }
}
