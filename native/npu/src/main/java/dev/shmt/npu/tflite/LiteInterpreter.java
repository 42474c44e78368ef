package dev.shmt.npu.tflite;

import dev.shmt.api.npu.NpuInterpreter;
import dev.shmt.api.npu.NpuTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.TfLiteInterpreter;
import org.bytedeco.tensorflowlite.TfLiteInterpreterOptions;
import org.bytedeco.tensorflowlite.TfLiteOpaqueDelegateStruct;
import org.bytedeco.tensorflowlite.global.tensorflowlite;

/**
 * A TFLite interpreter for one model, used by one thread: built once with its delegates, tensors
 * allocated once, then invoked for every HLOP. Closing it frees the interpreter, then its delegates.
 */
public final class LiteInterpreter implements NpuInterpreter, AutoCloseable {
    private final LiteModel model;
    private final List<Delegate> delegates;
    private TfLiteInterpreter interpreter;
    private final LiteTensor[] inputs;
    private final LiteTensor[] outputs;

    /**
     * @param delegates applied in order, each taking the operations it supports; owned (closed) by this
     *     interpreter from now on, also when creation fails
     * @param threads TFLite's own CPU threads for the operations no delegate took
     */
    public LiteInterpreter(LiteModel model, List<Delegate> delegates, int threads) {
        this.model = Objects.requireNonNull(model, "model");
        this.delegates = List.copyOf(delegates);
        TfLiteInterpreterOptions options = tensorflowlite.TfLiteInterpreterOptionsCreate();
        try {
            tensorflowlite.TfLiteInterpreterOptionsSetNumThreads(options, threads);
            for (Delegate d : this.delegates) {
                tensorflowlite.TfLiteInterpreterOptionsAddDelegate(options, opaque(d.handle()));
            }
            interpreter = tensorflowlite.TfLiteInterpreterCreate(model.handle(), options);
            if (interpreter == null || interpreter.isNull()) {
                throw new IllegalStateException("TensorFlow Lite could not create an interpreter for model '"
                        + model.name() + "' with delegates " + delegateNames()
                        + " (TFLite's reason is on stderr)");
            }
            check(tensorflowlite.TfLiteInterpreterAllocateTensors(interpreter), "allocate tensors");
            inputs = new LiteTensor[tensorflowlite.TfLiteInterpreterGetInputTensorCount(interpreter)];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = new LiteTensor(tensorflowlite.TfLiteInterpreterGetInputTensor(interpreter, i));
            }
            outputs = new LiteTensor[tensorflowlite.TfLiteInterpreterGetOutputTensorCount(interpreter)];
            for (int i = 0; i < outputs.length; i++) {
                outputs[i] = new LiteTensor(tensorflowlite.TfLiteInterpreterGetOutputTensor(interpreter, i));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        } finally {
            tensorflowlite.TfLiteInterpreterOptionsDelete(options);
        }
    }

    /** A delegate handle from JNA as the JavaCPP type TFLite's options take. */
    public static TfLiteOpaqueDelegateStruct opaque(com.sun.jna.Pointer handle) {
        // Not named "address": inside the anonymous Pointer that name is the inherited field, and
        // "this.address = address" would assign the field to itself, passing TFLite a null delegate.
        long raw = com.sun.jna.Pointer.nativeValue(handle);
        return new TfLiteOpaqueDelegateStruct(new Pointer() {
            {
                this.address = raw;
            }
        });
    }

    public LiteModel model() {
        return model;
    }

    /** Names of the delegates this interpreter runs with, in the order they were applied. */
    public List<String> delegateNames() {
        List<String> names = new ArrayList<>(delegates.size());
        for (Delegate d : delegates) {
            names.add(d.name());
        }
        return names;
    }

    @Override
    public int inputCount() {
        return inputs.length;
    }

    @Override
    public int outputCount() {
        return outputs.length;
    }

    @Override
    public NpuTensor input(int i) {
        Objects.checkIndex(i, inputs.length);
        return inputs[i];
    }

    @Override
    public void invoke() {
        if (interpreter == null) {
            throw new IllegalStateException("interpreter for model '" + model.name() + "' is closed");
        }
        check(tensorflowlite.TfLiteInterpreterInvoke(interpreter), "invoke");
    }

    @Override
    public NpuTensor output(int i) {
        Objects.checkIndex(i, outputs.length);
        return outputs[i];
    }

    private void check(int status, String what) {
        if (status != tensorflowlite.kTfLiteOk) {
            throw new IllegalStateException("TensorFlow Lite failed to " + what + " for model '" + model.name()
                    + "' (status " + status + "; TFLite's reason is on stderr)");
        }
    }

    @Override
    public void close() {
        if (interpreter != null) {
            tensorflowlite.TfLiteInterpreterDelete(interpreter);
            interpreter = null;
        }
        for (Delegate d : delegates) {
            d.close();
        }
    }
}
