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
}
