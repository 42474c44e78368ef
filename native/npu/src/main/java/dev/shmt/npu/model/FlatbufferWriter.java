package dev.shmt.npu.model;

import com.google.flatbuffers.FlatBufferBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.tensorflow.lite.schema.Buffer;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.OperatorCode;
import org.tensorflow.lite.schema.OperatorCodeT;
import org.tensorflow.lite.schema.SubGraph;
import org.tensorflow.lite.schema.SubGraphT;

/**
 * Serializes a model to a {@code .tflite} flatbuffer. Written by hand at the top level rather than
 * with {@code Model.pack(ModelT)} for one reason: the schema asks for buffer data aligned to 16 bytes
 * ({@code force_align: 16}) and the generated Java packer ignores that, leaving float and int32
 * weights only 4-byte aligned. Everything below the model table is packed by the generated code.
 */
final class FlatbufferWriter {
    /** The schema version TFLite expects in {@code Model.version}. */
    static final int SCHEMA_VERSION = 3;

    private static final int BUFFER_ALIGNMENT = 16;

    private FlatbufferWriter() {}

    /**
     * @param buffers constant data; index 0 must be the empty sentinel TFLite reserves for tensors
     *     without data
     */
    static ByteBuffer write(String description, List<OperatorCodeT> codes, SubGraphT subgraph,
            List<byte[]> buffers) {
        if (buffers.isEmpty() || buffers.get(0).length != 0) {
            throw new IllegalStateException("buffer 0 must be the empty sentinel");
        }
        FlatBufferBuilder fbb = new FlatBufferBuilder(1024 + totalBytes(buffers));
        int[] bufferOffsets = new int[buffers.size()];
        for (int i = 0; i < bufferOffsets.length; i++) {
            byte[] data = buffers.get(i);
            int vector = 0;
            if (data.length > 0) {
                fbb.startVector(1, data.length, BUFFER_ALIGNMENT);
                for (int j = data.length - 1; j >= 0; j--) {
                    fbb.putByte(data[j]);
                }
                vector = fbb.endVector();
            }
            Buffer.startBuffer(fbb);
            if (vector != 0) {
                Buffer.addData(fbb, vector);
            }
            bufferOffsets[i] = Buffer.endBuffer(fbb);
        }
        int buffersVector = Model.createBuffersVector(fbb, bufferOffsets);
        int[] codeOffsets = new int[codes.size()];
        for (int i = 0; i < codeOffsets.length; i++) {
            codeOffsets[i] = OperatorCode.pack(fbb, codes.get(i));
        }
        int codesVector = Model.createOperatorCodesVector(fbb, codeOffsets);
        int subgraphsVector = Model.createSubgraphsVector(fbb, new int[] {SubGraph.pack(fbb, subgraph)});
        int descriptionString = fbb.createString(description);
        Model.startModel(fbb);
        Model.addVersion(fbb, SCHEMA_VERSION);
        Model.addOperatorCodes(fbb, codesVector);
        Model.addSubgraphs(fbb, subgraphsVector);
        Model.addDescription(fbb, descriptionString);
        Model.addBuffers(fbb, buffersVector);
        Model.finishModelBuffer(fbb, Model.endModel(fbb)); // writes the "TFL3" file identifier
        return ByteBuffer.wrap(fbb.sizedByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int totalBytes(List<byte[]> buffers) {
        long n = 0;
        for (byte[] b : buffers) {
            n += b.length + BUFFER_ALIGNMENT;
        }
        return (int) Math.min(n, Integer.MAX_VALUE / 2);
    }
}
