package dev.shmt.npu.train;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.FloatArray;
import dev.shmt.api.npu.NpuTensor;
import dev.shmt.npu.quant.ValueRange;
import dev.shmt.npu.tflite.LiteInterpreter;
import dev.shmt.npu.tflite.LiteModel;
import dev.shmt.npu.tflite.XnnpackDelegate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NpuTrainerTest {
    static final TargetFunction SIN_COS = x -> (float) (Math.sin(x[0]) * Math.cos(x[1]));
    static final ValueRange DOMAIN = new ValueRange(-2f, 2f);

    static TrainingSpec.Builder sinCos() {
        return TrainingSpec.builder("test.sincos", "1", SIN_COS, DOMAIN, DOMAIN);
    }

    @Test
    void fitsSinCosFloatAndInt8() {
        long t0 = System.nanoTime();
        TrainedModel m = NpuTrainer.trainUncached(sinCos().batchSize(64).build());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("sin(x)cos(y) on [-2,2]^2, " + ms + " ms: float " + m.floatError() + "; int8 " + m.int8Error());

        // Measured (seed 1, 4000 Adam steps, 2-32-32-1): float max 0.033, mean 0.0024; int8 max 0.047,
        // mean 0.0077, on 1024 held-out points.
        // The float bounds leave 3-4x margin; a broken gradient or schedule misses them by far (an
        // untrained net is off by ~0.5).
        assertThat(m.floatError().samples()).isEqualTo(1024);
        assertThat(m.floatError().maxAbs()).isLessThan(0.1);
        assertThat(m.floatError().meanAbs()).isLessThan(0.01);
        // int8: the output step is 2/255 of the normalized range, about 0.007 here (rounding: 0.0035 at
        // most), and each of the 32 tanh outputs feeding the last layer is rounded to 1/128; those
        // summed errors dominate. Bounds again about 3x what was measured.
        assertThat(m.int8Error().meanAbs()).isLessThan(0.025);
        assertThat(m.int8Error().maxAbs()).isLessThan(0.15);
        assertThat(m.int8Error().meanAbs()).isAtLeast(m.floatError().meanAbs() * 0.5); // really the int8 model

        // Own check of the int8 model through TFLite + XNNPACK on fresh points, normalizing as callers must.
        int n = 64;
        float[] x = new float[2 * n];
        float[] exact = new float[n];
        SplittableRandom r = new SplittableRandom(12345);
        for (int i = 0; i < n; i++) {
            x[2 * i] = (float) (r.nextDouble() * 4 - 2);
            x[2 * i + 1] = (float) (r.nextDouble() * 4 - 2);
            exact[i] = SIN_COS.apply(new float[] {x[2 * i], x[2 * i + 1]});
        }
        float[] xn = new float[2 * n];
        m.normalization().normalizeInputs(x, xn, n);
        float[] got = new float[n];
        try (LiteModel model = new LiteModel("sincos", m.tflite());
                LiteInterpreter in = new LiteInterpreter(model, List.of(new XnnpackDelegate()), 1)) {
            NpuTensor input = in.input(0);
            assertThat(input.shape()).isEqualTo(new int[] {64, 2});
            assertThat(input.quantized()).isTrue();
            input.write(FloatArray.wrap(xn));
            in.invoke();
            NpuTensor output = in.output(0);
            output.read(FloatArray.wrap(got));
        }
        for (int i = 0; i < n; i++) {
            got[i] = m.normalization().denormalizeOutput(got[i]);
        }
        ErrorStats own = ErrorStats.of(got, exact, n);
        System.out.println("own int8 check: " + own);
        assertThat(own.meanAbs()).isLessThan(0.025);
        assertThat(own.maxAbs()).isLessThan(0.15);
    }

    @Test
    void sameSeedGivesBitwiseEqualModels() {
        TrainingSpec spec = sinCos().steps(200).samples(512).holdoutSamples(64).batchSize(8).seed(42).build();
        TrainedModel a = NpuTrainer.trainUncached(spec);
        TrainedModel b = NpuTrainer.trainUncached(spec);
        assertThat(b.mlp()).isEqualTo(a.mlp());
        assertThat(b.normalization()).isEqualTo(a.normalization());
        assertThat(b.calibration()).isEqualTo(a.calibration());
        assertThat(b.tflite()).isEqualTo(a.tflite());
        assertThat(b.int8Error()).isEqualTo(a.int8Error());
        TrainedModel c = NpuTrainer.trainUncached(spec.toBuilder().seed(43).build());
        assertThat(c.mlp()).isNotEqualTo(a.mlp());
    }

    @Test
    void badArgumentsAreNamed() {
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> TrainingSpec.builder("f", "1", SIN_COS, DOMAIN, new ValueRange(1f, 1f)).build()))
                .hasMessageThat().contains("inputRanges[1] is empty");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> TrainingSpec.builder("f", "1", SIN_COS).build()))
                .hasMessageThat().contains("inputRanges");
        assertThat(assertThrows(IllegalArgumentException.class, () -> sinCos().samples(0).build()))
                .hasMessageThat().contains("samples must be >= 1, got 0");
        assertThat(assertThrows(IllegalArgumentException.class, () -> sinCos().holdoutSamples(-3).build()))
                .hasMessageThat().contains("holdoutSamples");
        assertThat(assertThrows(IllegalArgumentException.class, () -> sinCos().hiddenSizes(32, 0).build()))
                .hasMessageThat().contains("hiddenSizes[1]");
        assertThat(assertThrows(IllegalArgumentException.class, () -> sinCos().batchSize(0).build()))
                .hasMessageThat().contains("batchSize");
        assertThat(assertThrows(IllegalArgumentException.class, () -> sinCos().learningRate(Float.NaN).build()))
                .hasMessageThat().contains("learningRate");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> TrainingSpec.builder(" ", "1", SIN_COS, DOMAIN).build()))
                .hasMessageThat().contains("functionId");
        // A function that is not finite inside its domain is caught when sampling, with the point.
        TrainingSpec log = TrainingSpec.builder("log", "1", x -> (float) Math.log(x[0]), new ValueRange(-1f, 1f))
                .steps(1).build();
        assertThat(assertThrows(IllegalArgumentException.class, () -> NpuTrainer.trainUncached(log)))
                .hasMessageThat().contains("must be finite");
    }
}
