package dev.shmt.npu.model;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.npu.quant.QuantParams;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Misuse is an IllegalArgumentException that names the argument, raised before anything is added. */
class ModelBuilderArgumentsTest {
    private static final QuantParams Q = QuantParams.int8(0.05f, 0);
    private static final float[] W_3X3_1_TO_1 = new float[9];

    @Test
    void int8OpWithoutOutQIsRejected() {
        ModelBuilder b = new ModelBuilder("t");
        ModelBuilder.Tensor x = b.input("x", Q, 1, 4, 4, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.conv2d(x, Conv.of(W_3X3_1_TO_1, 1, 3, 3, null), null, WeightScales.PER_TENSOR));
        assertThat(e).hasMessageThat().contains("outQ is null");
        assertThat(e).hasMessageThat().contains("'x' is int8");
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
                () -> b.conv2d(x, Conv.of(W_3X3_1_TO_1, 1, 3, 3, null), Q, null));
        assertThat(s).hasMessageThat().contains("scales is null");
    }

    @Test
    void floatInputWithOutQIsRejected() {
        ModelBuilder b = new ModelBuilder("t");
        ModelBuilder.Tensor x = b.input("x", null, 1, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.relu(x, Q));
        assertThat(e).hasMessageThat().contains("outQ");
        assertThat(e).hasMessageThat().contains("'x' is float32");
    }

    @Test
    void weightCountNotMatchingShapeIsRejected() {
        ModelBuilder b = new ModelBuilder("t");
        ModelBuilder.Tensor x = b.input("x", null, 2, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.fullyConnected(x, new float[7], 2, null, Activation.NONE, null, WeightScales.PER_TENSOR));
        assertThat(e).hasMessageThat().isEqualTo("weights has 7 values but [outFeatures=2][in=4] needs 8");

        ModelBuilder.Tensor img = b.input("img", null, 1, 5, 5, 3);
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> b.conv2d(img, Conv.of(new float[2 * 3 * 3 * 2], 2, 3, 3, null), null, WeightScales.PER_TENSOR));
        assertThat(c).hasMessageThat().contains("2 input channels");
        assertThat(c).hasMessageThat().contains("has 3");

        IllegalArgumentException bias = assertThrows(IllegalArgumentException.class,
                () -> Conv.of(new float[18], 2, 3, 3, new float[3]));
        assertThat(bias).hasMessageThat().contains("bias has 3 values but outChannels is 2");
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Conv.of(new float[] {0, Float.NaN, 0, 0}, 1, 2, 2, null));
        assertThat(nan).hasMessageThat().contains("weights[1] is NaN");
    }

    @Test
    void shapeAndTypeMismatchesInBinaryOpsAreRejected() {
        ModelBuilder b = new ModelBuilder("t");
        ModelBuilder.Tensor f = b.input("f", null, 1, 4);
        ModelBuilder.Tensor g = b.input("g", null, 1, 5);
        ModelBuilder.Tensor q = b.input("q", Q, 1, 4);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> b.add(f, g, Activation.NONE, null));
        assertThat(shape).hasMessageThat().contains("a [1, 4] and b [1, 5] must have the same shape");
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> b.mul(f, q, Activation.NONE, Q));
        assertThat(mixed).hasMessageThat().contains("a 'f' is float32 but b 'q' is int8");
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> b.depthwiseConv2d(f, Conv.of(new float[4], 4, 1, 1, null), null, WeightScales.PER_TENSOR));
        assertThat(rank).hasMessageThat().contains("x must have rank 4 (NHWC), got shape [1, 4]");
    }

    @Test
    void foreignTensorsUint8ParamsAndDuplicateNamesAreRejected() {
        ModelBuilder b = new ModelBuilder("t");
        ModelBuilder other = new ModelBuilder("other");
        ModelBuilder.Tensor foreign = other.input("x", null, 1, 4);
        b.input("x", null, 1, 4);
        assertThat(assertThrows(IllegalArgumentException.class, () -> b.output(foreign)))
                .hasMessageThat().contains("y 'x' belongs to another ModelBuilder");
        assertThat(assertThrows(IllegalArgumentException.class, () -> b.input("x", null, 1, 4)))
                .hasMessageThat().contains("name 'x' is already used");
        QuantParams uint8 = new QuantParams(0.1f, 128, 0, 255);
        assertThat(assertThrows(IllegalArgumentException.class, () -> b.input("u", uint8, 1, 4)))
                .hasMessageThat().contains("quant");
    }

    @Test
    void rejectedCallLeavesTheBuilderUnchanged() {
        ModelBuilder b = new ModelBuilder("t");
        ModelBuilder.Tensor x = b.input("x", Q, 1, 4);
        b.output(b.relu(x, Q));
        ByteBuffer before = b.build();
        assertThrows(IllegalArgumentException.class, () -> b.relu(x, null));
        assertThrows(IllegalArgumentException.class,
                () -> b.fullyConnected(x, new float[3], 2, null, Activation.NONE, Q, WeightScales.PER_TENSOR));
        assertThat(b.build()).isEqualTo(before);
    }

    @Test
    void buildWithoutOutputsSaysSo() {
        ModelBuilder b = new ModelBuilder("empty");
        b.input("x", null, 1);
        assertThat(assertThrows(IllegalStateException.class, b::build)).hasMessageThat().contains("no outputs");
    }
}
