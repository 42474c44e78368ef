package dev.shmt.npu.model;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.shmt.npu.quant.QuantParams;
import dev.shmt.npu.quant.ValueRange;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.Buffer;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.OperatorCode;
import org.tensorflow.lite.schema.QuantizationParameters;
import org.tensorflow.lite.schema.SubGraph;
import org.tensorflow.lite.schema.Tensor;
import org.tensorflow.lite.schema.TensorType;

/**
 * The flatbuffer itself, read back with the schema classes: header fields, operator codes, and the
 * stored int8 constants (round to nearest, saturation, calibrated scales, channel axes), which the
 * end-to-end bounds are too coarse to pin down.
 */
class ModelBuilderFormatTest {
    private static final int IN_C = 2;
    private static final int OUT_C = 3;

    private static float[] convWeights() {
        Random r = new Random(31);
        float[] w = ModelBuilderInt8Test.channelWeights(r, OUT_C, 3 * 3 * IN_C, false);
        return w;
    }

    private static Tensor tensor(Model m, String name) {
        SubGraph g = m.subgraphs(0);
        for (int i = 0; i < g.tensorsLength(); i++) {
            if (g.tensors(i).name().equals(name)) {
                return g.tensors(i);
            }
        }
        throw new AssertionError("no tensor " + name);
    }

    private static ByteBuffer data(Model m, Tensor t) {
        return m.buffers((int) t.buffer()).dataAsByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void headerOperatorCodesAndSentinelBuffer() {
        ModelBuilder b = new ModelBuilder("header test");
        QuantParams q = QuantParams.int8(0.05f, 3);
        ModelBuilder.Tensor x = b.input("x", q, 1, 4, 4, IN_C);
        ModelBuilder.Tensor y = b.conv2d(x, Conv.of(convWeights(), OUT_C, 3, 3, null), q, WeightScales.PER_CHANNEL);
        ModelBuilder.Tensor f = b.input("f", null, 1, 4);
        b.output(y).output(b.logistic(f));
        ByteBuffer bb = b.build();
        assertThat(bb.position()).isEqualTo(0);
        assertThat(Model.ModelBufferHasIdentifier(bb)).isTrue();
        byte[] id = new byte[4];
        bb.duplicate().position(4).get(id);
        assertThat(new String(id, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("TFL3");

        Model m = Model.getRootAsModel(bb);
        assertThat(m.version()).isEqualTo(3);
        assertThat(m.description()).isEqualTo("header test");
        assertThat(m.subgraphsLength()).isEqualTo(1);
        assertThat(m.buffers(0).dataLength()).isEqualTo(0);
        SubGraph g = m.subgraphs(0);
        assertThat(g.inputsLength()).isEqualTo(2);
        assertThat(g.tensors(g.inputs(0)).name()).isEqualTo("x");
        assertThat(g.tensors(g.inputs(1)).name()).isEqualTo("f");
        assertThat(g.tensors(g.outputs(0)).type()).isEqualTo(TensorType.INT8);
        assertThat(g.tensors(g.outputs(1)).type()).isEqualTo(TensorType.FLOAT32);
        assertThat(g.tensors(g.inputs(0)).quantization().zeroPoint(0)).isEqualTo(3);

        assertThat(m.operatorCodesLength()).isEqualTo(2);
        OperatorCode conv = m.operatorCodes(0);
        assertThat(conv.builtinCode()).isEqualTo(3);
        assertThat(conv.deprecatedBuiltinCode()).isEqualTo(3);
        assertThat(conv.version()).isEqualTo(3); // int8
        OperatorCode logistic = m.operatorCodes(1);
        assertThat(logistic.builtinCode()).isEqualTo(14);
        assertThat(logistic.deprecatedBuiltinCode()).isEqualTo(14);
        assertThat(logistic.version()).isEqualTo(1); // float

        // The schema's force_align: 16 for constant data, which the generated Java packer ignores.
        for (int i = 1; i < m.buffersLength(); i++) {
            Buffer buf = m.buffers(i);
            assertWithMessage("buffer %s", i).that(buf.dataAsByteBuffer().position() % 16).isEqualTo(0);
        }
    }

    @Test
    void int8ConvWeightsPerChannelAreCalibratedRoundedAndBiasScaledByInputTimesWeight() {
        float[] w = convWeights();
        float[] bias = {0.3f, -0.02f, 1.7f};
        QuantParams xq = QuantParams.int8(ValueRange.of(new float[] {-1, 2}));
        ModelBuilder b = new ModelBuilder("per-channel");
        ModelBuilder.Tensor y = b.conv2d(b.input("x", xq, 1, 4, 4, IN_C), Conv.of(w, OUT_C, 3, 3, bias),
                QuantParams.int8(0.1f, 0), WeightScales.PER_CHANNEL);
        b.output(y);
        Model m = Model.getRootAsModel(b.build());

        Tensor wt = tensor(m, y.name() + "/weights");
        assertThat(wt.type()).isEqualTo(TensorType.INT8);
        assertThat(wt.shapeVector().length()).isEqualTo(4);
        QuantizationParameters wq = wt.quantization();
        assertThat(wq.scaleLength()).isEqualTo(OUT_C);
        assertThat(wq.quantizedDimension()).isEqualTo(0);
        ByteBuffer codes = data(m, wt);
        int per = w.length / OUT_C;
        for (int c = 0; c < OUT_C; c++) {
            assertThat(wq.zeroPoint(c)).isEqualTo(0);
            float s = wq.scale(c);
            int maxCode = 0;
            float absMax = 0;
            for (int i = c * per; i < (c + 1) * per; i++) {
                int code = codes.get(codes.position() + i);
                maxCode = Math.max(maxCode, Math.abs(code));
                absMax = Math.max(absMax, Math.abs(w[i]));
                // Round to nearest: the stored weight is within half a step of the float one.
                assertWithMessage("weight %s", i).that((double) Math.abs(code * s - w[i])).isAtMost(s / 2 * 1.000001);
            }
            assertThat(maxCode).isEqualTo(127); // calibrated on this channel's own largest weight
            assertThat(s).isWithin(1e-6f * s).of(absMax / 127);
        }

        Tensor bt = tensor(m, y.name() + "/bias");
        assertThat(bt.type()).isEqualTo(TensorType.INT32);
        ByteBuffer bq = data(m, bt);
        for (int c = 0; c < OUT_C; c++) {
            float sb = bt.quantization().scale(c);
            assertThat((double) sb).isWithin(1e-6 * sb).of((double) xq.scale() * wq.scale(c));
            assertThat(bt.quantization().zeroPoint(c)).isEqualTo(0);
            int q = bq.getInt(bq.position() + 4 * c);
            assertWithMessage("bias %s", c).that(Math.abs((double) q * sb - bias[c])).isAtMost(sb / 2 * 1.000001);
        }
    }

    @Test
    void perTensorDepthwiseAndFullyConnectedChannelAxes() {
        Random r = new Random(32);
        QuantParams q = QuantParams.int8(0.02f, -5);
        ModelBuilder b = new ModelBuilder("axes");
        ModelBuilder.Tensor img = b.input("img", q, 1, 3, 3, 4);
        ModelBuilder.Tensor dw = b.depthwiseConv2d(img,
                Conv.of(ModelBuilderInt8Test.channelWeights(r, 4, 4, true), 4, 2, 2, null), q, WeightScales.PER_CHANNEL);
        ModelBuilder.Tensor dwt = b.depthwiseConv2d(img,
                Conv.of(ModelBuilderInt8Test.channelWeights(r, 4, 4, true), 4, 2, 2, null), q, WeightScales.PER_TENSOR);
        ModelBuilder.Tensor vec = b.input("vec", q, 2, 5);
        ModelBuilder.Tensor fc = b.fullyConnected(vec, ModelBuilderInt8Test.channelWeights(r, 3, 5, false), 3, null,
                Activation.RELU, q, WeightScales.PER_CHANNEL);
        b.output(dw).output(dwt).output(fc);
        Model m = Model.getRootAsModel(b.build());

        QuantizationParameters dwq = tensor(m, dw.name() + "/weights").quantization();
        assertThat(dwq.scaleLength()).isEqualTo(4);
        assertThat(dwq.quantizedDimension()).isEqualTo(3);
        assertThat(tensor(m, dwt.name() + "/weights").quantization().scaleLength()).isEqualTo(1);
        QuantizationParameters fcq = tensor(m, fc.name() + "/weights").quantization();
        assertThat(fcq.scaleLength()).isEqualTo(3);
        assertThat(fcq.quantizedDimension()).isEqualTo(0);
        assertThat(tensor(m, fc.name() + "/bias").quantization().scaleLength()).isEqualTo(3);
        // Both depthwise convs share one operator code; versions for int8.
        assertThat(m.operatorCodesLength()).isEqualTo(2);
        assertThat(m.operatorCodes(0).builtinCode()).isEqualTo(4);
        assertThat(m.operatorCodes(0).version()).isEqualTo(3);
        assertThat(m.operatorCodes(1).builtinCode()).isEqualTo(9);
        assertThat(m.operatorCodes(1).version()).isEqualTo(4);
    }

    /** A bias far beyond what int32 holds at scale sx*sw saturates; it must not wrap to the other sign. */
    @Test
    void int8BiasSaturatesInsteadOfWrapping() {
        QuantParams xq = QuantParams.int8(1e-4f, 0);
        ModelBuilder b = new ModelBuilder("saturate");
        ModelBuilder.Tensor y = b.fullyConnected(b.input("x", xq, 1, 2), new float[] {1e-3f, -1e-3f, 1e-3f, 0},
                2, new float[] {1e6f, -1e6f}, Activation.NONE, QuantParams.int8(1f, 0), WeightScales.PER_TENSOR);
        b.output(y);
        Model m = Model.getRootAsModel(b.build());
        ByteBuffer bq = data(m, tensor(m, y.name() + "/bias"));
        assertThat(bq.getInt(bq.position())).isEqualTo(Integer.MAX_VALUE);
        assertThat(bq.getInt(bq.position() + 4)).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void floatWeightsAreStoredAsFloat32Unchanged() {
        float[] w = {0.1f, -2.5f, 3e-7f, 7f};
        ModelBuilder b = new ModelBuilder("float");
        ModelBuilder.Tensor y = b.fullyConnected(b.input("x", null, 1, 2), w, 2, null, Activation.NONE, null,
                WeightScales.PER_CHANNEL);
        b.output(y);
        Model m = Model.getRootAsModel(b.build());
        Tensor wt = tensor(m, y.name() + "/weights");
        assertThat(wt.type()).isEqualTo(TensorType.FLOAT32);
        assertThat(wt.quantization() == null || wt.quantization().scaleLength() == 0).isTrue();
        ByteBuffer d = data(m, wt);
        float[] stored = new float[4];
        for (int i = 0; i < 4; i++) {
            stored[i] = d.getFloat(d.position() + 4 * i);
        }
        assertThat(stored).usingExactEquality().containsExactly(w).inOrder();
        assertThat(m.operatorCodes(0).version()).isEqualTo(1);
    }
}
