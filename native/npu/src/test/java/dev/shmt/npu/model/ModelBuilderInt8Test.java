package dev.shmt.npu.model;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.shmt.npu.model.Lite.Kernels;
import dev.shmt.npu.quant.QuantParams;
import dev.shmt.npu.quant.ValueRange;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Int8 models built by {@link ModelBuilder}, run through TFLite, against double references computed
 * from the <em>float</em> data. Input and output parameters come from the data's own ranges.
 *
 * <p>The bound for a weighted op (conv, depthwise conv, fully connected), per output {@code y = sum_i
 * w_i x_i + b}: the kernel accumulates the dequantized {@code x^ = x + ex}, {@code w^ = w + ew}, {@code
 * b^ = b + eb} exactly in int32, where round-to-nearest gives {@code |ex| <= sx/2} (x lies inside its
 * calibrated range), {@code |ew| <= sw/2}, {@code |eb| <= sx*sw/2} (bias scale is sx*sw). Since {@code
 * w^ x^ - w x = w ex + ew x^}, the accumulator is off by at most
 *
 * <pre>  sum_i |w_i| sx/2 + sum_i (|x_i| + sx/2) sw/2 + sx sw/2</pre>
 *
 * summed over the taps that read real input (padding reads an exact zero). Requantizing to the output
 * rounds once more: half an output step, plus the fixed-point multiplier's and float quantizers'
 * rounding, each orders of magnitude below a step; we allow one whole output step {@code so} for all of
 * it. The reference output lies inside the output range, so saturation only moves a result toward it.
 */
class ModelBuilderInt8Test {
    static Stream<Arguments> kernelsAndScales() {
        return Stream.of(Kernels.values()).flatMap(k -> Stream.of(WeightScales.values()).map(s -> Arguments.of(k, s)));
    }

    static float[] uniform(Random r, int n, float lo, float hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * r.nextFloat();
        }
        return v;
    }

    /** Weights whose output channels differ in magnitude, so per-channel scales matter. */
    static float[] channelWeights(Random r, int channels, int perChannel, boolean channelLast) {
        float[] gain = {1f, 0.05f, 0.3f, 2f};
        float[] w = uniform(r, channels * perChannel, -1, 1);
        for (int i = 0; i < w.length; i++) {
            int c = channelLast ? i % channels : i / perChannel;
            w[i] *= gain[c % gain.length];
        }
        return w;
    }

    /** The weight scale the builder must have used for each output channel: max |w| / 127. */
    static float[] weightScales(float[] w, int channels, boolean channelLast, WeightScales granularity) {
        int perChannel = w.length / channels;
        float[] absMax = new float[channels];
        float all = 0;
        for (int i = 0; i < w.length; i++) {
            int c = channelLast ? i % channels : i / perChannel;
            absMax[c] = Math.max(absMax[c], Math.abs(w[i]));
            all = Math.max(all, Math.abs(w[i]));
        }
        float[] s = new float[channels];
        for (int c = 0; c < channels; c++) {
            s[c] = (granularity == WeightScales.PER_CHANNEL ? absMax[c] : all) / 127;
        }
        return s;
    }

    static float[] abs(float[] v) {
        float[] a = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            a[i] = Math.abs(v[i]);
        }
        return a;
    }

    static float[] plus(float[] v, float d) {
        float[] a = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            a[i] = v[i] + d;
        }
        return a;
    }

    static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    static QuantParams rangeOf(double[] v) {
        return QuantParams.int8(ValueRange.of(Reference.toFloat(v)));
    }

    static void assertWithin(float[] got, double[] ref, double[] bound) {
        assertThat(got).hasLength(ref.length);
        for (int i = 0; i < ref.length; i++) {
            assertWithMessage("element %s: got %s, reference %s, bound %s", i, got[i], ref[i], bound[i])
                    .that(Math.abs(got[i] - ref[i])).isAtMost(bound[i]);
        }
    }

    static void assertWithin(float[] got, double[] ref, double bound) {
        double[] b = new double[ref.length];
        Arrays.fill(b, bound);
        assertWithin(got, ref, b);
    }

    private static void checkConv(Kernels kernels, WeightScales scales, Padding padding, boolean depthwise) {
        Random r = new Random(depthwise ? 21 : 22);
        int h = 6, w = 7, inC = depthwise ? 4 : 3, outC = 4, k = 3;
        float[] x = uniform(r, h * w * inC, -1.5f, 2f);
        float[] weights = depthwise
                ? channelWeights(r, outC, k * k, true)
                : channelWeights(r, outC, k * k * inC, false);
        float[] bias = uniform(r, outC, -0.5f, 0.5f);
        QuantParams xq = QuantParams.int8(ValueRange.of(x));
        double[] ref = Reference.conv(x, h, w, inC, weights, outC, k, k, bias, 1, 1, padding, depthwise);
        QuantParams yq = rangeOf(ref);

        ModelBuilder b = new ModelBuilder("int8 conv");
        ModelBuilder.Tensor in = b.input("x", xq, 1, h, w, inC);
        Conv conv = Conv.of(weights, outC, k, k, bias).padding(padding);
        b.output(depthwise ? b.depthwiseConv2d(in, conv, yq, scales) : b.conv2d(in, conv, yq, scales));
        float[] got = Lite.run1(b.build(), kernels, x);

        float sx = xq.scale();
        float[] sw = weightScales(weights, outC, depthwise, scales);
        float[] halfSw = new float[depthwise ? outC : outC * k * k * inC];
        float[] constant = new float[outC];
        for (int i = 0; i < halfSw.length; i++) {
            halfSw[i] = sw[depthwise ? i % outC : i / (k * k * inC)] / 2;
        }
        if (depthwise) {
            halfSw = tile(halfSw, k * k);
        }
        for (int o = 0; o < outC; o++) {
            constant[o] = sx * sw[o] / 2 + yq.scale();
        }
        double[] fromInput = Reference.conv(filled(x.length, sx / 2), h, w, inC, abs(weights), outC, k, k, null, 1, 1,
                padding, depthwise);
        double[] fromWeights = Reference.conv(plus(abs(x), sx / 2), h, w, inC, halfSw, outC, k, k, constant, 1, 1,
                padding, depthwise);
        double[] bound = new double[ref.length];
        for (int i = 0; i < bound.length; i++) {
            bound[i] = fromInput[i] + fromWeights[i];
        }
        assertWithin(got, ref, bound);
    }

    private static float[] tile(float[] v, int times) {
        float[] t = new float[v.length * times];
        for (int i = 0; i < t.length; i++) {
            t[i] = v[i % v.length];
        }
        return t;
    }

    @ParameterizedTest
    @MethodSource("kernelsAndScales")
    void conv2dSameWithinDerivedBound(Kernels kernels, WeightScales scales) {
        checkConv(kernels, scales, Padding.SAME, false);
    }

    @ParameterizedTest
    @MethodSource("kernelsAndScales")
    void conv2dValidWithinDerivedBound(Kernels kernels, WeightScales scales) {
        checkConv(kernels, scales, Padding.VALID, false);
    }

    @ParameterizedTest
    @MethodSource("kernelsAndScales")
    void depthwiseConv2dWithinDerivedBound(Kernels kernels, WeightScales scales) {
        checkConv(kernels, scales, Padding.SAME, true);
    }

    @ParameterizedTest
    @MethodSource("kernelsAndScales")
    void fullyConnectedWithinDerivedBound(Kernels kernels, WeightScales scales) {
        Random r = new Random(23);
        int batch = 3, in = 16, out = 4;
        float[] x = uniform(r, batch * in, -1f, 3f);
        float[] w = channelWeights(r, out, in, false);
        float[] bias = uniform(r, out, -1, 1);
        QuantParams xq = QuantParams.int8(ValueRange.of(x));
        double[] ref = Reference.fullyConnected(x, batch, in, w, out, bias);
        QuantParams yq = rangeOf(ref);
        ModelBuilder b = new ModelBuilder("int8 fc");
        b.output(b.fullyConnected(b.input("x", xq, batch, in), w, out, bias, Activation.NONE, yq, scales));
        float[] got = Lite.run1(b.build(), kernels, x);

        float sx = xq.scale();
        float[] sw = weightScales(w, out, false, scales);
        float[] halfSw = new float[w.length];
        float[] constant = new float[out];
        for (int i = 0; i < w.length; i++) {
            halfSw[i] = sw[i / in] / 2;
        }
        for (int o = 0; o < out; o++) {
            constant[o] = sx * sw[o] / 2 + yq.scale();
        }
        double[] fromInput = Reference.fullyConnected(filled(x.length, sx / 2), batch, in, abs(w), out, null);
        double[] fromWeights = Reference.fullyConnected(plus(abs(x), sx / 2), batch, in, halfSw, out, constant);
        double[] bound = new double[ref.length];
        for (int i = 0; i < bound.length; i++) {
            bound[i] = fromInput[i] + fromWeights[i];
        }
        assertWithin(got, ref, bound);
    }

    /** a + b: each input off by half its step, one output step for the requantization. */
    @ParameterizedTest
    @EnumSource(Kernels.class)
    void addWithinDerivedBound(Kernels kernels) {
        Random r = new Random(24);
        float[] a = uniform(r, 24, -1, 1);
        float[] c = uniform(r, 24, -2, 0.5f);
        double[] ref = new double[24];
        for (int i = 0; i < 24; i++) {
            ref[i] = (double) a[i] + c[i];
        }
        QuantParams aq = QuantParams.int8(ValueRange.of(a));
        QuantParams cq = QuantParams.int8(ValueRange.of(c));
        QuantParams yq = rangeOf(ref);
        ModelBuilder b = new ModelBuilder("int8 add");
        b.output(b.add(b.input("a", aq, 1, 2, 3, 4), b.input("b", cq, 1, 2, 3, 4), Activation.NONE, yq));
        assertWithin(Lite.run1(b.build(), kernels, a, c), ref, aq.scale() / 2 + cq.scale() / 2 + yq.scale());
    }

    /** a * b: a^ b^ - a b = a eb + b ea + ea eb, plus one output step. */
    @ParameterizedTest
    @EnumSource(Kernels.class)
    void mulWithinDerivedBound(Kernels kernels) {
        Random r = new Random(25);
        float[] a = uniform(r, 24, -1, 1);
        float[] c = uniform(r, 24, -2, 0.5f);
        QuantParams aq = QuantParams.int8(ValueRange.of(a));
        QuantParams cq = QuantParams.int8(ValueRange.of(c));
        double[] ref = new double[24];
        double[] bound = new double[24];
        for (int i = 0; i < 24; i++) {
            ref[i] = (double) a[i] * c[i];
        }
        QuantParams yq = rangeOf(ref);
        for (int i = 0; i < 24; i++) {
            bound[i] = Math.abs(a[i]) * cq.scale() / 2 + Math.abs(c[i]) * aq.scale() / 2
                    + aq.scale() * cq.scale() / 4 + yq.scale();
        }
        ModelBuilder b = new ModelBuilder("int8 mul");
        b.output(b.mul(b.input("a", aq, 1, 24), b.input("b", cq, 1, 24), Activation.NONE, yq));
        assertWithin(Lite.run1(b.build(), kernels, a, c), ref, bound);
    }

    /**
     * Logistic has slope at most 1/4 and tanh at most 1, so the input's half step moves the result by
     * at most sx/8 and sx/2; plus one step of the fixed output parameters (1/256 and 1/128), which also
     * covers results just past the largest code (127/256 + 1/2 and 127/128).
     */
    @ParameterizedTest
    @EnumSource(Kernels.class)
    void logisticAndTanhWithinDerivedBound(Kernels kernels) {
        Random r = new Random(26);
        float[] x = uniform(r, 32, -6, 6);
        QuantParams xq = QuantParams.int8(ValueRange.of(x));
        ModelBuilder b = new ModelBuilder("int8 logistic tanh");
        ModelBuilder.Tensor in = b.input("x", xq, 1, 32);
        ModelBuilder.Tensor s = b.logistic(in);
        ModelBuilder.Tensor t = b.tanh(in);
        assertThat(s.quant()).isEqualTo(QuantParams.int8(1f / 256, -128));
        assertThat(t.quant()).isEqualTo(QuantParams.int8(1f / 128, 0));
        b.output(s).output(t);
        float[][] got = Lite.run(b.build(), kernels, 2, x);
        double[] sig = new double[x.length];
        double[] tanh = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            sig[i] = 1 / (1 + Math.exp(-x[i]));
            tanh[i] = Math.tanh(x[i]);
        }
        assertWithin(got[0], sig, xq.scale() / 8 + 1.0 / 256);
        assertWithin(got[1], tanh, xq.scale() / 2 + 1.0 / 128);
    }

    /** relu is 1-Lipschitz: the input's half step, plus one output step. */
    @ParameterizedTest
    @EnumSource(Kernels.class)
    void reluWithinDerivedBound(Kernels kernels) {
        Random r = new Random(27);
        float[] x = uniform(r, 20, -2, 3);
        double[] ref = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            ref[i] = Math.max(0, x[i]);
        }
        QuantParams xq = QuantParams.int8(ValueRange.of(x));
        QuantParams yq = rangeOf(ref);
        ModelBuilder b = new ModelBuilder("int8 relu");
        b.output(b.relu(b.input("x", xq, 1, 20), yq));
        assertWithin(Lite.run1(b.build(), kernels, x), ref, xq.scale() / 2 + yq.scale());
    }
}
