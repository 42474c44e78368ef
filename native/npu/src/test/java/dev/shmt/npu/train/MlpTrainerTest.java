package dev.shmt.npu.train;

import static com.google.common.truth.Truth.assertThat;

import dev.shmt.npu.quant.ValueRange;
import org.junit.jupiter.api.Test;

class MlpTrainerTest {
    private static final TargetFunction SIN_COS = x -> (float) (Math.sin(x[0]) * Math.cos(x[1]));
    private static final ValueRange[] DOMAIN = {new ValueRange(-2, 2), new ValueRange(-2, 2)};

    private static Mlp train(long seed, int steps) {
        Samples s = Samples.uniform(SIN_COS, DOMAIN, 4096, seed);
        Normalization norm = Normalization.of(DOMAIN, ValueRange.of(s.y()));
        float[] xn = new float[s.x().length];
        norm.normalizeInputs(s.x(), xn, s.count());
        float[] yn = new float[s.count()];
        for (int i = 0; i < yn.length; i++) {
            yn[i] = norm.normalizeOutput(s.y()[i]);
        }
        return new MlpTrainer(new int[] {2, 32, 32, 1}, seed, steps, 128, 0.01).train(xn, yn, s.count());
    }

    @Test
    void sameSeedGivesBitwiseEqualWeights() {
        Mlp a = train(7, 300);
        Mlp b = train(7, 300);
        assertThat(a).isEqualTo(b);
        for (int l = 0; l < a.layers(); l++) {
            assertThat(a.weights(l)).isEqualTo(b.weights(l));
            assertThat(a.biases(l)).isEqualTo(b.biases(l));
        }
        assertThat(train(8, 300)).isNotEqualTo(a);
    }
}
