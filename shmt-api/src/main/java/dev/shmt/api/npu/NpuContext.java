package dev.shmt.api.npu;

import java.nio.ByteBuffer;
import java.util.function.Supplier;

/** What an NPU worker thread offers an {@link NpuKernel}: interpreters for models, cached per thread. */
public interface NpuContext {
    /**
     * This worker's interpreter for the model named {@code key}. The device builds the model with
     * {@code model} (a {@code .tflite} flatbuffer) the first time any worker asks for {@code key}, and
     * each worker creates its interpreter once; both are reused for every later HLOP. Models have
     * fixed shapes, so a key names one tile shape.
     */
    NpuInterpreter interpreter(String key, Supplier<ByteBuffer> model);

    /**
     * Call right before writing the HLOP's output into the caller's views: false means the runtime's
     * watchdog gave this HLOP to another device (this one took far too long), so write nothing and
     * return. After true the write goes ahead and can no longer be taken away. Outside an HLOP, true.
     */
    default boolean claimOutput() {
        return true;
    }

    /**
     * Records how the HLOP's int8 output was quantized, for its report ({@link dev.shmt.api.Report.Quantization}):
     * the output scale's ladder step and the share of outputs that saturated. Outside an HLOP it does nothing.
     */
    default void quantized(int step, double saturated) {}
}
