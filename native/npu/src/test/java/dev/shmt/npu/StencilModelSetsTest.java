package dev.shmt.npu;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Region;
import dev.shmt.api.npu.NpuInterpreter;
import dev.shmt.api.npu.NpuTensor;
import dev.shmt.npu.kernels.MagnitudeKernel;
import dev.shmt.npu.kernels.StencilKernel;
import dev.shmt.npu.kernels.StencilModel;
import dev.shmt.npu.quant.ValueRange;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A model with two weight sets: where each set's outputs lie, their range, and who may use it. */
class StencilModelSetsTest {
    private static final float[] SHIFT_LEFT = {0, 0, 0, 0, 0, 1, 0, 0, 0};
    /** Negated, so the sets' ranges differ; weights of magnitude 1 quantize exactly. */
    private static final float[] SHIFT_UP = {0, 0, 0, 0, 0, 0, 0, -1, 0};

    @AfterEach
    void clear() {
        System.clearProperty(NpuMode.PROPERTY);
    }

    @Test
    void eachSetFillsItsOwnChannelGroup() throws Exception {
        System.setProperty(NpuMode.PROPERTY, "tflite-cpu");
        int rows = 20;
        int cols = 50; // not a multiple of the 16-pixel block: the last block is partly padding
        StencilModel model = new StencilModel(new float[][] {SHIFT_LEFT, SHIFT_UP}, 3, new ValueRange(0f, 1f));
        assertWithMessage("output range covers both sets").that(model.outputRange())
                .isEqualTo(new ValueRange(-1f, 1f));
        FloatMatrix src = FloatMatrix.create(rows, cols).withBorder(Border.CLAMP);
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < src.array().length; i++) {
            src.array()[i] = (float) rnd.nextDouble();
        }
        try (NpuDevice npu = NpuDevice.detect(1)) {
            NpuInterpreter it = npu.context().interpreter("sets@" + rows + "x" + cols, () -> model.build(rows, cols));
            it.input(0).write(src.tile(new Region(0, 0, rows, cols), 1), 1, model.inputRowStart(),
                    model.inputRowLength(cols));
            it.invoke();
            NpuTensor out = it.output(0);
            int length = model.outputRowLength(cols);
            assertWithMessage("output elements").that(out.elements()).isEqualTo(rows * length);
            float[] row = new float[length];
            // Each set moves one input by one cell with an exact weight: off by at most half an input step
            // and one output step (requantizing the accumulator, then rounding the output).
            double tolerance = it.input(0).scale() / 2 + out.scale() + 1e-6;
            for (int r = 0; r < rows; r++) {
                out.read(r * length, row, 0, length);
                for (int c = 0; c < cols; c++) {
                    assertWithMessage("set 0 at (%s, %s)", r, c).that((double) row[model.outputIndex(c, 0)])
                            .isWithin(tolerance).of(src.get(r, c + 1));
                    assertWithMessage("set 1 at (%s, %s)", r, c).that((double) row[model.outputIndex(c, 1)])
                            .isWithin(tolerance).of(-src.get(r + 1, c));
                }
            }
            assertThrows(IllegalArgumentException.class, () -> out.read(rows * length - 1, row, 0, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> out.read(0, row, 1, length));
        }
    }

    static final class Plain extends StencilKernel {
        Plain(StencilModel m) {
            super(m);
        }
    }

    static final class Magnitude extends MagnitudeKernel {
        Magnitude(StencilModel m) {
            super(m);
        }
    }

    @Test
    void kernelsTakeOnlyTheSetCountTheyStore() {
        ValueRange unit = new ValueRange(0f, 1f);
        StencilModel one = new StencilModel(SHIFT_LEFT, 3, unit);
        StencilModel two = new StencilModel(new float[][] {SHIFT_LEFT, SHIFT_UP}, 3, unit);
        assertWithMessage("one set").that(one.sets()).isEqualTo(1);
        assertWithMessage("one set's output row").that(one.outputRowLength(50)).isEqualTo(64);
        assertWithMessage("two sets' output row").that(two.outputRowLength(50)).isEqualTo(128);
        assertWithMessage("StencilKernel with two sets")
                .that(assertThrows(IllegalArgumentException.class, () -> new Plain(two)))
                .hasMessageThat().isEqualTo("Plain needs a model with 1 weight set(s), got 2");
        assertWithMessage("MagnitudeKernel with one set")
                .that(assertThrows(IllegalArgumentException.class, () -> new Magnitude(one)))
                .hasMessageThat().isEqualTo("Magnitude needs a model with 2 weight set(s), got 1");
        assertWithMessage("a short second set")
                .that(assertThrows(IllegalArgumentException.class,
                        () -> new StencilModel(new float[][] {SHIFT_LEFT, new float[4]}, 3, unit)))
                .hasMessageThat().isEqualTo("weightSets[1] must hold k x k = 9 values, got 4");
    }
}
