package dev.shmt.npu;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Partition;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.api.npu.NpuKernel;
import dev.shmt.npu.kernels.HostScaling;
import dev.shmt.npu.quant.ValueRange;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Per-HLOP range scaling of a static int8 stencil model (TFLite's CPU kernels): a flat tile's error
 * shrinks with its own range, a full-range tile keeps the model's steps. With one fixed quantization for
 * every tile both would carry the same error, so these tests fail if the host scaling is removed.
 */
class StencilRangeScalingTest {
    private static final int T = 64;

    @AfterEach
    void clear() {
        System.clearProperty(NpuMode.PROPERTY);
    }

    @Test
    void aFlatTilesErrorShrinksWithItsRangeAndTheOffsetIsUndone() {
        System.setProperty(NpuMode.PROPERTY, "tflite-cpu");
        // Left tile and its halo: 0.6 + [0, 0.01), a hundredth of the model's [0, 1]; right tile from its
        // second column: all of [0, 1).
        SplittableRandom rnd = new SplittableRandom(3);
        FloatMatrix src = FloatMatrix.create(T, 2 * T);
        for (int r = 0; r < T; r++) {
            for (int c = 0; c < 2 * T; c++) {
                src.set(r, c, c <= T ? 0.6f + 0.01f * (float) rnd.nextDouble() : (float) rnd.nextDouble());
            }
        }
        FloatMatrix dst = FloatMatrix.create(T, 2 * T);
        StencilFixture.Sharpen kernel = new StencilFixture.Sharpen();
        VopCall call = VopCall.builder("sharpen", Partition.TILE_2D).shape(T, 2 * T).halo(1).border(Border.CLAMP)
                .tileHint(T, T).arg("src", VopCall.Role.IN, src).arg("dst", VopCall.Role.OUT, dst)
                .implementation(NpuKernel.class, kernel).build();
        try (NpuDevice npu = NpuDevice.detect(1)) {
            kernel.run(npu.context(), call, new Region(0, 0, T, T));
            kernel.run(npu.context(), call, new Region(0, T, T, T));
        }
        double flat = meanError(src, dst, 0, T);
        double wide = meanError(src, dst, T + 2, 2 * T);
        // One fixed input step is 1/255 here; the flat tile's share of the range is 1/100.
        assertWithMessage("full-range tile's mean |error|").that(wide).isGreaterThan(2e-4);
        assertWithMessage("flat tile's mean |error| against the full-range tile's %s", wide).that(flat)
                .isLessThan(wide / 20);
        // Sharpen's weights sum to 1: a missing o * sum(W) on the way back would be off by about 0.6.
        assertWithMessage("flat tile's mean |error|").that(flat).isLessThan(1e-4);
    }

    @Test
    void hostScalingMapsTheDataRangeOntoTheModelsAndStaysExactForFlatData() {
        HostScaling m = HostScaling.fit(new ValueRange(1000f, 1002f), new ValueRange(0f, 255f));
        assertWithMessage("lo").that((double) m.apply(1000f)).isWithin(1e-3).of(0);
        assertWithMessage("hi").that((double) m.apply(1002f)).isWithin(1e-3).of(255);
        HostScaling flat = HostScaling.fit(new ValueRange(7f, 7f), new ValueRange(-1f, 1f));
        assertWithMessage("one value goes to the model's minimum").that((double) flat.apply(7f)).isWithin(0).of(-1);
        assertWithMessage("no finite data: identity").that(HostScaling.fit(null, new ValueRange(0f, 1f)))
                .isEqualTo(HostScaling.IDENTITY);
    }

    private static double meanError(FloatMatrix src, FloatMatrix dst, int c0, int c1) {
        FloatMatrix in = src.withBorder(Border.CLAMP);
        double sum = 0;
        int n = 0;
        for (int r = 0; r < T; r++) {
            for (int c = c0; c < c1; c++) {
                double ref = 0;
                for (int k = 0; k < 9; k++) {
                    ref += StencilFixture.WEIGHTS[k] * (double) in.get(r + k / 3 - 1, c + k % 3 - 1);
                }
                sum += Math.abs(dst.get(r, c) - ref);
                n++;
            }
        }
        return sum / n;
    }
}
