package dev.shmt.api.npu;

import java.nio.FloatBuffer;

/**
 * One worker's interpreter for one model. Inputs and outputs are float views: the device quantizes
 * inputs and dequantizes outputs with the scale and zero point stored in the model's own tensors.
 * Buffers are reused between calls; fill every input before {@link #invoke()}.
 */
public interface NpuInterpreter {
    int inputCount();

    int outputCount();

    /** The float staging buffer of input {@code i}, positioned at 0 with room for the whole tensor. */
    FloatBuffer input(int i);

    /** Runs the model on the staged inputs. */
    void invoke();

    /** The dequantized output {@code i} of the last {@link #invoke()}, positioned at 0. */
    FloatBuffer output(int i);
}
