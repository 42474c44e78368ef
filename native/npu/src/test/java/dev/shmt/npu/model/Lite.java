package dev.shmt.npu.model;

import dev.shmt.api.FloatArray;
import dev.shmt.api.npu.NpuTensor;
import dev.shmt.npu.tflite.Delegate;
import dev.shmt.npu.tflite.LiteInterpreter;
import dev.shmt.npu.tflite.LiteModel;
import dev.shmt.npu.tflite.XnnpackDelegate;
import java.nio.ByteBuffer;
import java.util.List;

/** Runs a built model once through TFLite, with XNNPACK or with TFLite's own kernels only. */
final class Lite {
    private Lite() {}

    enum Kernels {
        XNNPACK,
        BUILTIN
    }

    /** Writes {@code inputs} in order, invokes, reads output {@code 0..outputs-1}. */
    static float[][] run(ByteBuffer model, Kernels kernels, int outputs, float[]... inputs) {
        List<Delegate> delegates = kernels == Kernels.XNNPACK ? List.of(new XnnpackDelegate()) : List.of();
        try (LiteModel m = new LiteModel("test", model);
                LiteInterpreter interp = new LiteInterpreter(m, delegates, 1)) {
            for (int i = 0; i < inputs.length; i++) {
                NpuTensor t = interp.input(i);
                t.write(FloatArray.wrap(inputs[i]));
            }
            interp.invoke();
            float[][] out = new float[outputs][];
            for (int i = 0; i < outputs; i++) {
                NpuTensor t = interp.output(i);
                out[i] = new float[t.elements()];
                t.read(FloatArray.wrap(out[i]));
            }
            return out;
        }
    }

    static float[] run1(ByteBuffer model, Kernels kernels, float[]... inputs) {
        return run(model, kernels, 1, inputs)[0];
    }
}
