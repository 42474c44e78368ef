package dev.shmt.npu.tflite;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorflowlite.TfLiteModel;
import org.bytedeco.tensorflowlite.global.tensorflowlite;

/**
 * A {@code .tflite} flatbuffer loaded into TFLite. TFLite reads the model's weights in place, so the
 * native copy made here lives as long as this object. Shared by every interpreter of the model.
 */
public final class LiteModel implements AutoCloseable {
    private final String name;
    private final BytePointer bytes;
    private TfLiteModel model;

    /** Loads {@code flatbuffer} (from its position to its limit); {@code name} appears in errors. */
    public LiteModel(String name, ByteBuffer flatbuffer) {
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(flatbuffer, "flatbuffer");
        TfLiteLibrary.get();
        byte[] copy = new byte[flatbuffer.remaining()];
        flatbuffer.duplicate().get(copy);
        bytes = new BytePointer(copy.length);
        bytes.put(copy, 0, copy.length);
        model = tensorflowlite.TfLiteModelCreate(bytes, bytes.capacity());
        if (model == null || model.isNull()) {
            bytes.close();
            throw new IllegalArgumentException("TensorFlow Lite rejected model '" + name + "' ("
                    + copy.length + " bytes): not a valid .tflite flatbuffer (TFLite's reason is on stderr)");
        }
    }

    public String name() {
        return name;
    }

    TfLiteModel handle() {
        if (model == null) {
            throw new IllegalStateException("model '" + name + "' is closed");
        }
        return model;
    }

    @Override
    public synchronized void close() {
        if (model != null) {
            tensorflowlite.TfLiteModelDelete(model);
            model = null;
            bytes.close();
        }
    }

    @Override
    public String toString() {
        return "LiteModel[" + name + "]";
    }
}
