package dev.shmt.npu.train;

import dev.shmt.npu.model.Activation;
import dev.shmt.npu.model.ModelBuilder;
import dev.shmt.npu.model.WeightScales;
import java.nio.ByteBuffer;

/**
 * Writes a trained {@link Mlp} as an int8 {@code .tflite} model: FULLY_CONNECTED (per-channel int8
 * weights, output parameters from the {@link Calibration}) followed by TANH for each hidden layer,
 * and a last FULLY_CONNECTED without activation. Its input is {@code [batch, inputs]} with a static
 * batch, as NPUs need static shapes; input and output are normalized values (see
 * {@link Normalization}). The only file that depends on {@link ModelBuilder}'s API.
 */
public final class MlpModelWriter {
    private MlpModelWriter() {}

    /** The int8 model for {@code mlp}, quantized with {@code cal}, for {@code batch} points per call. */
    public static ByteBuffer write(String description, Mlp mlp, Calibration cal, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        if (cal.layerOutputs().size() != mlp.layers()) {
            throw new IllegalArgumentException("calibration has " + cal.layerOutputs().size()
                    + " layers but the Mlp has " + mlp.layers());
        }
        int[] sizes = mlp.sizes();
        ModelBuilder b = new ModelBuilder(description);
        ModelBuilder.Tensor t = b.input("x", cal.input(), batch, mlp.inputs());
        for (int l = 0; l < mlp.layers(); l++) {
            t = b.fullyConnected(t, mlp.weights(l), sizes[l + 1], mlp.biases(l), Activation.NONE,
                    cal.layerOutputs().get(l), WeightScales.PER_CHANNEL);
            if (l < mlp.layers() - 1) {
                t = b.tanh(t);
            }
        }
        b.output(t);
        return b.build();
    }
}
