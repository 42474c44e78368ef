package dev.shmt.npu.model;

import static com.google.common.truth.Truth.assertThat;

import dev.shmt.npu.model.Lite.Kernels;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Float32 models built by {@link ModelBuilder}, run through TFLite, against {@link Reference}. Inputs
 * are small integers and weights small multiples of powers of two, so every product and partial sum
 * is a float and any summation order gives the exact double result: the comparisons are exact.
 */
class ModelBuilderFloatTest {
    private static final float[] WEIGHT_VALUES = {-2, -1, -0.5f, -0.25f, 0.25f, 0.5f, 1, 2};

    static float[] smallInts(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(7) - 3;
        }
        return v;
    }

    static float[] powersOfTwo(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = WEIGHT_VALUES[r.nextInt(WEIGHT_VALUES.length)];
        }
        return v;
    }

    private static void checkConv(Kernels kernels, Padding padding, int stride, Activation act) {
        Random r = new Random(11);
        int h = 5, w = 6, inC = 2, outC = 3, k = 3;
        float[] x = smallInts(r, h * w * inC);
        float[] weights = powersOfTwo(r, outC * k * k * inC);
        float[] bias = {1, -2, 0.5f};
        ModelBuilder b = new ModelBuilder("conv");
        ModelBuilder.Tensor in = b.input("x", null, 1, h, w, inC);
        ModelBuilder.Tensor y = b.conv2d(in, Conv.of(weights, outC, k, k, bias).stride(stride, stride)
                .padding(padding).activation(act), null, WeightScales.PER_TENSOR);
        b.output(y);

        double[] ref = Reference.conv(x, h, w, inC, weights, outC, k, k, bias, stride, stride, padding, false);
        if (act == Activation.RELU) {
            ref = Reference.relu(ref);
        }
        int[] gh = Reference.geometry(h, k, stride, padding);
        int[] gw = Reference.geometry(w, k, stride, padding);
        assertThat(y.shape()).asList().containsExactly(1, gh[0], gw[0], outC).inOrder();
        float[] got = Lite.run1(b.build(), kernels, x);
        assertThat(got).usingExactEquality().containsExactly(Reference.toFloatExact(ref)).inOrder();
    }

    @ParameterizedTest
    @EnumSource(Kernels.class)
    void conv2dValidMatchesReferenceExactly(Kernels kernels) {
        checkConv(kernels, Padding.VALID, 1, Activation.NONE);
    }

    @ParameterizedTest
    @EnumSource(Kernels.class)
    void conv2dSameMatchesReferenceExactly(Kernels kernels) {
        checkConv(kernels, Padding.SAME, 1, Activation.NONE);
    }

    @ParameterizedTest
    @EnumSource(Kernels.class)
    void conv2dSameStride2WithReluMatchesReferenceExactly(Kernels kernels) {
        checkConv(kernels, Padding.SAME, 2, Activation.RELU);
    }

    @ParameterizedTest
    @EnumSource(Kernels.class)
    void fullyConnectedMatchesReferenceExactly(Kernels kernels) {
        Random r = new Random(12);
        int batch = 2, in = 5, out = 3;
        float[] x = smallInts(r, batch * in);
        float[] w = powersOfTwo(r, out * in);
        float[] bias = {-1, 0.25f, 3};
        ModelBuilder b = new ModelBuilder("fc");
        ModelBuilder.Tensor y = b.fullyConnected(b.input("x", null, batch, in), w, out, bias, Activation.NONE, null,
                WeightScales.PER_TENSOR);
        b.output(y);
        assertThat(y.shape()).asList().containsExactly(batch, out).inOrder();
        double[] ref = Reference.fullyConnected(x, batch, in, w, out, bias);
        assertThat(Lite.run1(b.build(), kernels, x)).usingExactEquality()
                .containsExactly(Reference.toFloatExact(ref)).inOrder();
    }

    @ParameterizedTest
    @EnumSource(Kernels.class)
    void depthwiseConv2dMatchesReferenceExactly(Kernels kernels) {
        Random r = new Random(13);
        int h = 4, w = 5, c = 3, k = 3;
        float[] x = smallInts(r, h * w * c);
        float[] weights = powersOfTwo(r, k * k * c);
        float[] bias = {0.5f, -1, 2};
        ModelBuilder b = new ModelBuilder("dw");
        ModelBuilder.Tensor y = b.depthwiseConv2d(b.input("x", null, 1, h, w, c),
                Conv.of(weights, c, k, k, bias).padding(Padding.SAME), null, WeightScales.PER_TENSOR);
        b.output(y);
        double[] ref = Reference.conv(x, h, w, c, weights, c, k, k, bias, 1, 1, Padding.SAME, true);
        assertThat(Lite.run1(b.build(), kernels, x)).usingExactEquality()
                .containsExactly(Reference.toFloatExact(ref)).inOrder();
    }

    /** Two outputs, in the order they were marked: add first, then mul; RELU fused on the add. */
    @ParameterizedTest
    @EnumSource(Kernels.class)
    void addAndMulMatchReferenceExactlyInOutputOrder(Kernels kernels) {
        Random r = new Random(14);
        float[] x = smallInts(r, 12);
        float[] z = powersOfTwo(r, 12);
        ModelBuilder b = new ModelBuilder("add-mul");
        ModelBuilder.Tensor a = b.input("a", null, 1, 2, 3, 2);
        ModelBuilder.Tensor c = b.input("b", null, 1, 2, 3, 2);
        b.output(b.add(a, c, Activation.RELU, null));
        b.output(b.mul(a, c, Activation.NONE, null));
        float[][] got = Lite.run(b.build(), kernels, 2, x, z);
        float[] sum = new float[12];
        float[] prod = new float[12];
        for (int i = 0; i < 12; i++) {
            sum[i] = Math.max(0, x[i] + z[i]);
            prod[i] = x[i] * z[i];
        }
        assertThat(got[0]).usingExactEquality().containsExactly(sum).inOrder();
        assertThat(got[1]).usingExactEquality().containsExactly(prod).inOrder();
    }

    @ParameterizedTest
    @EnumSource(Kernels.class)
    void reluMatchesReferenceExactly(Kernels kernels) {
        float[] x = {-3, -0.5f, 0, 0.25f, 2, -1};
        ModelBuilder b = new ModelBuilder("relu");
        b.output(b.relu(b.input("x", null, 1, 6), null));
        assertThat(Lite.run1(b.build(), kernels, x)).usingExactEquality()
                .containsExactly(new float[] {0, 0, 0, 0.25f, 2, 0}).inOrder();
    }

    /**
     * Logistic and tanh are transcendental, so not exact: TFLite's float kernels are polynomial
     * approximations accurate to a few ulp; 2e-6 is about 16 ulp at magnitude 1, far below any
     * mistake in wiring (a wrong op or input gives errors of order 0.1).
     */
    @ParameterizedTest
    @EnumSource(Kernels.class)
    void logisticAndTanhMatchReference(Kernels kernels) {
        float[] x = {-6, -2.5f, -1, -0.25f, 0, 0.3f, 1, 2, 4.5f};
        ModelBuilder b = new ModelBuilder("logistic-tanh");
        ModelBuilder.Tensor in = b.input("x", null, 1, x.length);
        b.output(b.logistic(in));
        b.output(b.tanh(in));
        ByteBuffer model = b.build();
        float[][] got = Lite.run(model, kernels, 2, x);
        for (int i = 0; i < x.length; i++) {
            assertThat((double) got[0][i]).isWithin(2e-6).of(1 / (1 + Math.exp(-x[i])));
            assertThat((double) got[1][i]).isWithin(2e-6).of(Math.tanh(x[i]));
        }
    }
}
