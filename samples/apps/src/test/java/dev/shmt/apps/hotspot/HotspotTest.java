package dev.shmt.apps.hotspot;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Report;
import dev.shmt.apps.common.AppChecks;
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
 * {@link Hotspot#step} on the CPU against its double reference (within fp32 rounding, one step and ten),
 * against the GPU kernel's order of operations (bitwise), tiled against untiled, on the GPU where there
 * is one, and the CUDA kernel's constants against the Java floats; and its app of {@code ./shmt bench}.
 */
class HotspotTest {
    /**
     * One step on temperatures below 512: S + N and E + W round below 1024 (half an ulp 2^-14 each), which
     * the differences keep and G = 0.1 scales (2 x 0.1 x 2^-14); the small sums after that round far
     * below; K = 1.37 scales the sum, and T + K d rounds below 512 (2^-15). So 1.37 x 0.2 x 2^-14 + 2^-15
     * < 2^-14 per step. The stencil's weights are positive and sum to less than 1, so earlier errors do not
     * grow: ten steps stay within ten times one.
     */
    static final double STEP_BOUND = 0x1p-14;

    private static FloatMatrix[] grids(int rows, int cols) {
        FloatMatrix temp = Images.structured(rows, cols, 5);
        float[] t = temp.array();
        for (int i = 0; i < t.length; i++) {
            t[i] = 323f + t[i] * (20f / Images.MAX);
        }
        FloatMatrix power = Images.structured(rows, cols, 6);
        float[] p = power.array();
        for (int i = 0; i < p.length; i++) {
            p[i] *= 0.03f / Images.MAX;
        }
        return new FloatMatrix[] {temp.withBorder(Border.CLAMP), power.withBorder(Border.CLAMP)};
    }

    private static FloatMatrix steps(FloatMatrix temp, FloatMatrix power, int steps) {
        FloatMatrix from = temp;
        for (int k = 0; k < steps; k++) {
            FloatMatrix to = FloatMatrix.create(temp.rows(), temp.cols()).withBorder(Border.CLAMP);
            Hotspot.step(from, power, to);
            from = to;
        }
        return from;
    }

    @Test
    void cpuIsWithinFp32RoundingOfTheDoubleReference() {
        FloatMatrix[] g = grids(203, 317);
        for (int steps : new int[] {1, 10}) {
            float[] got = steps(g[0], g[1], steps).array();
            double[] ref = Hotspot.reference(g[0], g[1], steps);
            double worst = 0;
            for (int i = 0; i < ref.length; i++) {
                worst = Math.max(worst, Math.abs(got[i] - ref[i]));
            }
            System.out.printf("hotspot 203x317, %d step(s) on the cpu: max |error| %.2e, bound %.2e%n", steps, worst,
                    steps * STEP_BOUND);
            assertWithMessage("max |cpu - double reference| after %s steps", steps).that(worst)
                    .isAtMost(steps * STEP_BOUND);
        }
    }

    @Test
    void cpuDoesTheGpuKernelsOperationsBitForBit() {
        int[][] shapes = {{1, 1}, {1, 7}, {7, 1}, {2, 2}, {3, 3}, {3, 40}, {40, 3}, {203, 317}};
        for (int[] s : shapes) {
            FloatMatrix[] g = grids(s[0], s[1]);
            FloatMatrix got = FloatMatrix.create(s[0], s[1]);
            Hotspot.step(g[0], g[1], got);
            float[] want = new float[s[0] * s[1]];
            for (int r = 0; r < s[0]; r++) {
                for (int c = 0; c < s[1]; c++) {
                    FloatMatrix t = g[0];
                    want[r * s[1] + c] = Hotspot.cell(t.get(r, c), t.get(r - 1, c), t.get(r + 1, c), t.get(r, c - 1),
                            t.get(r, c + 1), g[1].get(r, c));
                }
            }
            assertWithMessage("%sx%s grid", s[0], s[1]).that(got.toArray()).isEqualTo(want);
        }
    }

    @Test
    void cpuTilesAreBitwiseEqualToTheUntiledCall() {
        FloatMatrix[] g = grids(203, 317);
        FloatMatrix want = FloatMatrix.create(203, 317);
        Hotspot.step(g[0], g[1], want);
        int[][] tiles = {{203, 317}, {64, 64}, {50, 100}, {7, 317}, {203, 9}, {1, 33}, {16, 1}};
        for (int[] t : tiles) {
            try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(2))
                    .policy("single:cpu").tileHint(t[0], t[1]).build()) {
                FloatMatrix got = FloatMatrix.create(203, 317);
                Arrays.fill(got.array(), Float.NaN);
                Report r = HotspotVops.step(rt, g[0], g[1], got);
                assertWithMessage("HLOPs, %sx%s tiles", t[0], t[1]).that(r.hlopsOn("cpu"))
                        .isEqualTo(((203 + t[0] - 1) / t[0]) * ((317 + t[1] - 1) / t[1]));
                assertWithMessage("%sx%s tiles", t[0], t[1]).that(got.toArray()).isEqualTo(want.toArray());
            }
        }
    }

    @Test
    void gpuTilesAreBitwiseEqualToTheUntiledCall() {
        FloatMatrix[] g = grids(700, 555);
        FloatMatrix want = FloatMatrix.create(700, 555);
        Hotspot.step(g[0], g[1], want);
        GpuDevice gpu = GpuDevice.detect(2).get(0);
        try {
            // Only a real GPU runs this; without one, native/gpu/cuda/emulate checks the kernel on the host.
            assumeTrue(gpu.status().isAvailable(), "no GPU: " + gpu.status().cause());
            try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(gpu).policy("single:gpu")
                    .tileHint(256, 256).build()) {
                FloatMatrix got = FloatMatrix.create(700, 555);
                Report r = HotspotVops.step(rt, g[0], g[1], got);
                assertWithMessage("HLOPs on the gpu").that(r.hlopsOn("gpu")).isEqualTo(9);
                assertWithMessage("gpu tiles against the cpu call").that(got.toArray()).isEqualTo(want.toArray());
            }
        } finally {
            gpu.close();
        }
    }

    /** The CUDA kernel spells the constants as hex floats; they must be the Java floats bit for bit. */
    @Test
    void theCudaKernelsConstantsAreTheJavaFloats() throws IOException {
        String cu = Files.readString(Path.of("src", "main", "cuda", "dev", "shmt", "apps", "hotspot", "hotspot.cu"));
        float[] java = {Hotspot.G_LATERAL, Hotspot.G_AMBIENT, Hotspot.K, Hotspot.AMB};
        String[] names = {"HOTSPOT_G", "HOTSPOT_GZ", "HOTSPOT_K", "HOTSPOT_AMB"};
        for (int i = 0; i < names.length; i++) {
            Matcher m = Pattern.compile("#define " + names[i] + " (\\S+)f\\b").matcher(cu);
            assertWithMessage("#define %s in hotspot.cu", names[i]).that(m.find()).isTrue();
            assertWithMessage("%s", names[i]).that(Float.parseFloat(m.group(1))).isEqualTo(java[i]);
        }
    }

    /**
     * The app of {@code ./shmt bench}. The NPU alone after its ten steps measured error_rate 2.4e-4, RMSE
     * 0.126, SSIM 0.99917 (each step's stencil in int8 over a tile's span of degrees, the power added in
     * fp32): bounds about 25% past that. On the CPU, RMSE below 5e-4 after ten steps
     * ({@link #cpuIsWithinFp32RoundingOfTheDoubleReference} bounds each cell by ten {@link #STEP_BOUND}s).
     */
    @Test
    void appQualityOnEachDeviceAndUnderWsAndQaws() {
        AppChecks.qualityOnEachDeviceAndUnderWsAndQaws(new HotspotApp(), HotspotApp.STEPS, 5e-4,
                new AppChecks.NpuBounds(3e-4, 0.16, 0.999));
    }

    @Test
    void appRefusesBadSizesAndTilesInItsWords() {
        AppChecks.badSizesAndTilesAreRefusedInTheAppsWords(new HotspotApp());
    }

    @Test
    void referenceRefusesBadArguments() {
        FloatMatrix[] g = grids(8, 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Hotspot.reference(null, g[1], 1));
        assertWithMessage("message").that(e).hasMessageThat().startsWith("temp must not be null");
        e = assertThrows(IllegalArgumentException.class, () -> Hotspot.reference(g[0], FloatMatrix.create(8, 9), 1));
        assertWithMessage("message").that(e).hasMessageThat().isEqualTo("power must be 8 x 8 like temp; got 8 x 9");
        e = assertThrows(IllegalArgumentException.class, () -> Hotspot.reference(g[0], g[1], -1));
        assertWithMessage("message").that(e).hasMessageThat().isEqualTo("steps must be >= 0, got -1");
    }
}
