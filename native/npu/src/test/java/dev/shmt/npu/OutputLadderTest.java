package dev.shmt.npu;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Partition;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.api.npu.NpuContext;
import dev.shmt.api.npu.NpuInterpreter;
import dev.shmt.api.npu.NpuKernel;
import dev.shmt.npu.kernels.OutputScale;
import dev.shmt.npu.kernels.StencilKernel;
import dev.shmt.npu.kernels.StencilModel;
import dev.shmt.npu.quant.ValueRange;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Output scales per HLOP from the ladder of static models, through TFLite's CPU kernels: a tile whose
 * outputs are small next to what its range could reach gets a finer step and less error; a thin edge the
 * sparse look misses saturates, is seen, and runs again at the worst case; the setting says what it takes.
 */
class OutputLadderTest {
    private static final int T = 64;
    /** Sobel's Gx: it reaches 4 times the input range, and a gentle photograph's gradients are far below that. */
    private static final float[] GX = {-1, 0, 1, -2, 0, 2, -1, 0, 1};

    public static final class Gradient extends StencilKernel {
        public Gradient() {
            super(new StencilModel(GX, 3, new ValueRange(0f, 1f)));
        }
    }

    /** What the kernel said about each HLOP's quantization, on the device's own caches. */
    private static final class Recording implements NpuContext {
        final NpuContext models;
        int step = -1;
        double saturated = Double.NaN;

        Recording(NpuContext models) {
            this.models = models;
        }

        @Override
        public NpuInterpreter interpreter(String key, Supplier<ByteBuffer> model) {
            return models.interpreter(key, model);
        }

        @Override
        public void quantized(int step, double saturated) {
            this.step = step;
            this.saturated = saturated;
        }
    }

    @AfterEach
    void clear() {
        System.clearProperty(NpuMode.PROPERTY);
        System.clearProperty(OutputScale.PROPERTY);
    }

    @Test
    void aGentleFullRangeTileGetsAFinerStepAndLessErrorThanAtTheWorstCase() {
        FloatMatrix src = gentle(null);
        Result worst = run(src, "worst");
        Result ladder = run(src, "p99.9");
        assertWithMessage("worst-case step").that(worst.step).isEqualTo(0);
        assertWithMessage("ladder step").that(ladder.step).isAtLeast(2);
        assertWithMessage("saturated share on the ladder").that(ladder.saturated).isAtMost(0.001);
        assertWithMessage("mean |error| on the ladder against %s at the worst case", worst.error).that(ladder.error)
                .isLessThan(worst.error / 2);
    }

    @Test
    void aThinEdgeTheSparseLookMissesSaturatesIsCountedAndIsRecomputedOnTheHost() {
        // A one-pixel line at a column the look does not compute (it takes every 8th from the 4th, and Gx
        // of a line at column 32 is nonzero at 31 and 33 only).
        FloatMatrix src = gentle(32);
        Result ladder = run(src, "p99.9");
        assertWithMessage("step").that(ladder.step).isGreaterThan(0);
        assertWithMessage("saturated share: two columns of 64").that(ladder.saturated).isWithin(0.01).of(2.0 / 64);
        assertWithMessage("largest |error| next to the line").that(ladder.maxError).isLessThan(0.05);
        Result worst = run(src, "worst");
        assertWithMessage("at the worst case nothing saturates").that(worst.saturated).isEqualTo(0.0);
    }

    @Test
    void offRunsTheDeclaredRangeAndNeverSaysAStepAboveZero() {
        Result off = run(gentle(null), "off");
        assertWithMessage("step").that(off.step).isEqualTo(0);
        assertWithMessage("mean |error|").that(off.error).isLessThan(0.05);
    }

    @Test
    void thePredictedErrorRanksAFlatTileBelowATexturedOneAndANonFiniteOneFirst() {
        SplittableRandom rnd = new SplittableRandom(5);
        FloatMatrix src = FloatMatrix.create(T, 3 * T);
        for (int r = 0; r < T; r++) {
            for (int c = 0; c < 3 * T; c++) {
                src.set(r, c, c < T ? 0.5f + 0.002f * (float) rnd.nextDouble() : (float) rnd.nextDouble());
            }
        }
        src.set(10, 2 * T + 10, Float.NaN);
        Gradient k = new Gradient();
        VopCall call = call(src.withBorder(Border.CLAMP), FloatMatrix.create(T, 3 * T), k);
        System.setProperty(OutputScale.PROPERTY, "p99.9");
        assertThat(k.predictsError()).isTrue();
        double flat = k.predictedError(call, new Region(0, 0, T, T), 64);
        double textured = k.predictedError(call, new Region(0, T, T, T), 64);
        double broken = k.predictedError(call, new Region(0, 2 * T, T, T), 4096);
        assertWithMessage("flat %s against textured", flat).that(flat).isLessThan(textured / 10);
        assertWithMessage("a tile holding NaN").that(broken).isPositiveInfinity();
        System.setProperty(OutputScale.PROPERTY, "worst");
        assertWithMessage("worst: QAWS ranks by range instead").that(k.predictsError()).isFalse();
    }

    @Test
    void theSettingTakesOffWorstOrAPercentileAndRefusesAnythingElse() {
        assertThat(OutputScale.parse("off").mode()).isEqualTo(OutputScale.Mode.OFF);
        assertThat(OutputScale.parse("WORST").mode()).isEqualTo(OutputScale.Mode.WORST);
        assertThat(OutputScale.parse("p99.5").percentile()).isWithin(1e-12).of(0.995);
        assertThat(OutputScale.parse("p100").toString()).isEqualTo("p100");
        assertThat(OutputScale.DEFAULT.toString()).isEqualTo("p99.9");
        for (String bad : new String[] {"p0", "p101", "pxyz", "median", ""}) {
            assertThrows(IllegalArgumentException.class, () -> OutputScale.parse(bad), bad);
        }
        System.setProperty(OutputScale.PROPERTY, "p200");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, OutputScale::configured);
        assertThat(e).hasMessageThat().contains("-Dshmt.npu.outputScale=p200");
        assertThat(e).hasMessageThat().contains("off, worst or p<percentile>");
    }

    private record Result(int step, double saturated, double error, double maxError) {}

    /**
     * A full-range tile whose gradients are small: a ramp from 0 to 1 down the rows, a slight one across,
     * and noise of a hundredth; with {@code line}, a column of 1s there.
     */
    private static FloatMatrix gentle(Integer line) {
        SplittableRandom rnd = new SplittableRandom(11);
        FloatMatrix src = FloatMatrix.create(T, T);
        for (int r = 0; r < T; r++) {
            for (int c = 0; c < T; c++) {
                float v = (float) r / (T - 1) * 0.97f + 0.0005f * c + 0.01f * (float) rnd.nextDouble();
                src.set(r, c, line != null && c == line ? 1f : Math.min(1f, v));
            }
        }
        return src.withBorder(Border.CLAMP);
    }

    private static Result run(FloatMatrix src, String scale) {
        System.setProperty(NpuMode.PROPERTY, "tflite-cpu");
        System.setProperty(OutputScale.PROPERTY, scale);
        FloatMatrix dst = FloatMatrix.create(T, T);
        Gradient k = new Gradient();
        VopCall call = call(src, dst, k);
        try (NpuDevice npu = NpuDevice.detect(1)) {
            Recording rec = new Recording(npu.context());
            k.run(rec, call, new Region(0, 0, T, T));
            double sum = 0;
            double max = 0;
            for (int r = 0; r < T; r++) {
                for (int c = 0; c < T; c++) {
                    double ref = 0;
                    for (int i = 0; i < 9; i++) {
                        ref += GX[i] * (double) src.get(r + i / 3 - 1, c + i % 3 - 1);
                    }
                    double e = Math.abs(dst.get(r, c) - ref);
                    sum += e;
                    max = Math.max(max, e);
                }
            }
            return new Result(rec.step, rec.saturated, sum / (T * T), max);
        }
    }

    private static VopCall call(FloatMatrix src, FloatMatrix dst, NpuKernel k) {
        return VopCall.builder("gradient", Partition.TILE_2D).shape(src.rows(), src.cols()).halo(1)
                .border(Border.CLAMP).tileHint(T, T).arg("src", VopCall.Role.IN, src)
                .arg("dst", VopCall.Role.OUT, dst).implementation(NpuKernel.class, k).build();
    }
}
