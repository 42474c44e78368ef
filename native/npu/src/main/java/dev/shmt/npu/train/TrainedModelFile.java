package dev.shmt.npu.train;

import dev.shmt.npu.quant.QuantParams;
import dev.shmt.npu.quant.ValueRange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The cache's side file next to each {@code .tflite}: everything of a {@link TrainedModel} that the
 * flatbuffer does not hold (float weights, normalization, calibration, measured errors), plus the
 * SHA-256 of the {@code .tflite} it belongs with, so a mismatched or torn pair is rejected.
 */
final class TrainedModelFile {
    private static final int MAGIC = 0x53484d4c; // "SHML"

    private TrainedModelFile() {}

    static byte[] encode(TrainedModel m) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(ModelCache.FORMAT_VERSION);
            out.writeUTF(m.key());
            out.write(sha256(m.tfliteBytes()));
            out.writeInt(m.batchSize());
            Mlp mlp = m.mlp();
            int[] sizes = mlp.sizes();
            writeInts(out, sizes);
            for (int l = 0; l < mlp.layers(); l++) {
                writeFloats(out, mlp.weights(l));
                writeFloats(out, mlp.biases(l));
            }
            Normalization n = m.normalization();
            writeFloats(out, n.inputCenter());
            writeFloats(out, n.inputHalfWidth());
            out.writeFloat(n.outputCenter());
            out.writeFloat(n.outputHalfWidth());
            Calibration c = m.calibration();
            writeQuant(out, c.input());
            for (int l = 0; l < mlp.layers(); l++) {
                out.writeFloat(c.layerOutputRanges().get(l).min());
                out.writeFloat(c.layerOutputRanges().get(l).max());
                writeQuant(out, c.layerOutputs().get(l));
            }
            writeErrors(out, m.floatError());
            writeErrors(out, m.int8Error());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return bytes.toByteArray();
    }

    /** The model, or an {@link IOException} saying why {@code data} does not belong with {@code tflite}. */
    static TrainedModel decode(byte[] data, byte[] tflite, String expectedKey) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a trained model file");
            }
            int version = in.readInt();
            if (version != ModelCache.FORMAT_VERSION) {
                throw new IOException("format version " + version + ", expected " + ModelCache.FORMAT_VERSION);
            }
            String key = in.readUTF();
            if (!key.equals(expectedKey)) {
                throw new IOException("written for key " + key);
            }
            byte[] digest = in.readNBytes(32);
            if (!Arrays.equals(digest, sha256(tflite))) {
                throw new IOException("the .tflite file beside it is not the one it was written with");
            }
            int batch = in.readInt();
            int[] sizes = readInts(in);
            float[][] w = new float[sizes.length - 1][];
            float[][] b = new float[sizes.length - 1][];
            for (int l = 0; l < w.length; l++) {
                w[l] = readFloats(in);
                b[l] = readFloats(in);
            }
            Mlp mlp = new Mlp(sizes, w, b);
            Normalization norm = new Normalization(readFloats(in), readFloats(in), in.readFloat(), in.readFloat());
            QuantParams input = readQuant(in);
            List<ValueRange> ranges = new ArrayList<>();
            List<QuantParams> params = new ArrayList<>();
            for (int l = 0; l < w.length; l++) {
                ranges.add(new ValueRange(in.readFloat(), in.readFloat()));
                params.add(readQuant(in));
            }
            ErrorStats floatError = readErrors(in);
            ErrorStats int8Error = readErrors(in);
            if (in.read() != -1) {
                throw new IOException("trailing bytes");
            }
            return new TrainedModel(key, mlp, norm, new Calibration(input, ranges, params), batch, tflite,
                    floatError, int8Error, null, true);
        } catch (IllegalArgumentException | NegativeArraySizeException e) {
            throw new IOException("inconsistent contents: " + e.getMessage(), e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    private static void writeInts(DataOutputStream out, int[] a) throws IOException {
        out.writeInt(a.length);
        for (int v : a) {
            out.writeInt(v);
        }
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int[] a = new int[checkedLength(in.readInt())];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readInt();
        }
        return a;
    }

    private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float v : a) {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        float[] a = new float[checkedLength(in.readInt())];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readFloat();
        }
        return a;
    }

    private static int checkedLength(int n) throws IOException {
        if (n < 0 || n > 1 << 24) {
            throw new IOException("implausible array length " + n);
        }
        return n;
    }

    private static void writeQuant(DataOutputStream out, QuantParams q) throws IOException {
        out.writeFloat(q.scale());
        out.writeInt(q.zeroPoint());
        out.writeInt(q.qmin());
        out.writeInt(q.qmax());
    }

    private static QuantParams readQuant(DataInputStream in) throws IOException {
        return new QuantParams(in.readFloat(), in.readInt(), in.readInt(), in.readInt());
    }

    private static void writeErrors(DataOutputStream out, ErrorStats e) throws IOException {
        out.writeDouble(e.maxAbs());
        out.writeDouble(e.meanAbs());
        out.writeDouble(e.rms());
        out.writeInt(e.samples());
    }

    private static ErrorStats readErrors(DataInputStream in) throws IOException {
        return new ErrorStats(in.readDouble(), in.readDouble(), in.readDouble(), in.readInt());
    }
}
