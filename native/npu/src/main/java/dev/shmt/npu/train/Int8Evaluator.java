package dev.shmt.npu.train;

import dev.shmt.api.FloatArray;
import dev.shmt.api.npu.NpuTensor;
import dev.shmt.npu.tflite.LiteInterpreter;
import dev.shmt.npu.tflite.LiteModel;
import dev.shmt.npu.tflite.XnnpackDelegate;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Runs an exported int8 model through TFLite (XNNPACK, one thread) on normalized points, batch by
 * batch, so its error is measured on the model as it will really run rather than on a simulation.
 * The last batch is padded with copies of its first point and the padding's outputs dropped.
 */
final class Int8Evaluator {
    private Int8Evaluator() {}

    /** Predictions (normalized) of the model for {@code n} normalized row-major points. */
    static float[] predict(String name, ByteBuffer tflite, int batch, int features, float[] xn, int n) {
        float[] out = new float[n];
        float[] in = new float[batch * features];
        float[] res = new float[batch];
        try (LiteModel model = new LiteModel(name, tflite);
                LiteInterpreter interpreter = new LiteInterpreter(model, List.of(new XnnpackDelegate()), 1)) {
            NpuTensor input = interpreter.input(0);
            NpuTensor output = interpreter.output(0);
            for (int start = 0; start < n; start += batch) {
                int m = Math.min(batch, n - start);
                System.arraycopy(xn, start * features, in, 0, m * features);
                for (int p = m; p < batch; p++) {
                    System.arraycopy(xn, start * features, in, p * features, features);
                }
                input.write(FloatArray.wrap(in));
                interpreter.invoke();
                output.read(FloatArray.wrap(res));
                System.arraycopy(res, 0, out, start, m);
            }
        }
        return out;
    }
}
