package dev.shmt.api.npu;

/**
 * One worker's interpreter for one model, created once and reused for every HLOP that worker runs on
 * that model. Fill every input before {@link #invoke()}; outputs hold the last invocation's results.
 */
public interface NpuInterpreter {
    int inputCount();

    int outputCount();

    /** Input tensor {@code i}: write the HLOP's data into it (quantized with the tensor's own scale). */
    NpuTensor input(int i);

    /** Runs the model on the staged inputs. */
    void invoke();

    /** Output tensor {@code i} of the last {@link #invoke()}: read it back (dequantized). */
    NpuTensor output(int i);
}
