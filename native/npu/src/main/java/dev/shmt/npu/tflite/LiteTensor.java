package dev.shmt.npu.tflite;

import dev.shmt.api.FloatArray;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.npu.NpuTensor;
import dev.shmt.npu.quant.QuantParams;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.TfLiteQuantizationParams;
import org.bytedeco.tensorflowlite.TfLiteTensor;
import org.bytedeco.tensorflowlite.global.tensorflowlite;

/**
 * An interpreter's tensor seen as floats. The scale and zero point are read from the model's tensor
 * once; the data buffer is TFLite's own memory (stable after tensors are allocated), written and read
 * in place a row at a time through a reused scratch row, so no HLOP allocates.
 */
final class LiteTensor implements NpuTensor {
    private final String name;
    private final int type;
    private final int[] shape;
    private final int elements;
    private final QuantParams quant; // null for float32
    private final float scale;
    private final int zeroPoint;
    private final int qmin;
    private final int qmax;
    private final ByteBuffer data;
    private byte[] rowBytes = new byte[0];
    private float[] floatRow = new float[0];
    /** Real value of every code, indexed by the stored byte as unsigned: reading is a table lookup. */
    private final float[] dequantized = new float[256];

    LiteTensor(TfLiteTensor t) {
        BytePointer n = tensorflowlite.TfLiteTensorName(t);
        name = n == null || n.isNull() ? "?" : n.getString();
        type = tensorflowlite.TfLiteTensorType(t);
        shape = new int[tensorflowlite.TfLiteTensorNumDims(t)];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = tensorflowlite.TfLiteTensorDim(t, i);
            count *= shape[i];
        }
        elements = Math.toIntExact(count);
        TfLiteQuantizationParams q = tensorflowlite.TfLiteTensorQuantizationParams(t);
        if (type == tensorflowlite.kTfLiteFloat32) {
            quant = null;
        } else if (type == tensorflowlite.kTfLiteInt8) {
            quant = new QuantParams(q.scale(), q.zero_point(), -128, 127);
        } else if (type == tensorflowlite.kTfLiteUInt8) {
            quant = new QuantParams(q.scale(), q.zero_point(), 0, 255);
        } else {
            throw new IllegalArgumentException("tensor '" + name + "' has TFLite type " + type
                    + "; NPU models exchange float32, int8 or uint8 tensors");
        }
        scale = quant == null ? 1f : quant.scale();
        zeroPoint = quant == null ? 0 : quant.zeroPoint();
        qmin = quant == null ? 0 : quant.qmin();
        qmax = quant == null ? 0 : quant.qmax();
        if (quant != null) {
            for (int b = 0; b < 256; b++) {
                dequantized[b] = quant.dequantize(qmin < 0 ? (byte) b : b);
            }
        }
        Pointer p = tensorflowlite.TfLiteTensorData(t);
        long bytes = tensorflowlite.TfLiteTensorByteSize(t);
        if (p == null || p.isNull()) {
            throw new IllegalStateException("tensor '" + name + "' has no data buffer after allocation");
        }
        data = new BytePointer(p).capacity(bytes).asByteBuffer().order(ByteOrder.nativeOrder());
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public int elements() {
        return elements;
    }

    @Override
    public boolean quantized() {
        return quant != null;
    }

    @Override
    public float scale() {
        return scale;
    }

    @Override
    public int zeroPoint() {
        return zeroPoint;
    }

    @Override
    public void write(FloatMatrix tile, int halo) {
        write(tile, halo, 0, tile.cols() + 2 * Math.max(halo, 0));
    }

    @Override
    public void write(FloatMatrix tile, int halo, int rowStart, int rowLength) {
        write(tile, halo, rowStart, rowLength, 0f, 1f);
    }

    @Override
    public void write(FloatMatrix tile, int halo, int rowStart, int rowLength, float offset, float scale) {
        if (!(scale > 0) || !Float.isFinite(scale) || !Float.isFinite(offset)) {
            throw new IllegalArgumentException("scale must be finite and > 0 and offset finite, got scale " + scale
                    + ", offset " + offset);
        }
        if (halo < 0) {
            throw new IllegalArgumentException("halo must be >= 0, got " + halo);
        }
        int rows = tile.rows() + 2 * halo;
        int cols = tile.cols() + 2 * halo;
        checkRow(rowStart, cols, rowLength);
        expect("tile with halo " + halo + " in rows of " + rowLength + " (" + rows + " x " + rowLength + ")",
                (long) rows * rowLength);
        float[] a = tile.array();
        float[] row = scratchFloats(cols);
        int wholeRows = tile.wholeRows();
        int c0 = tile.originCol() - halo; // whole-matrix column of the row's first element
        // Columns [in0, in1) of each row lie inside the matrix and are read straight from the array;
        // only the few past its left or right edge go through get() for their border value.
        int in0 = Math.min(cols, Math.max(0, -c0));
        int in1 = Math.max(in0, Math.min(cols, tile.wholeCols() - c0));
        for (int r = 0; r < rows; r++) {
            int vr = r - halo; // row in the tile's own coordinates
            int gr = tile.originRow() + vr;
            int at = r * rowLength + rowStart;
            if (gr >= 0 && gr < wholeRows) {
                for (int c = 0; c < in0; c++) {
                    row[c] = tile.get(vr, c - halo);
                }
                for (int c = in1; c < cols; c++) {
                    row[c] = tile.get(vr, c - halo);
                }
                if (in0 > 0) {
                    putRow(at, row, 0, in0, offset, scale);
                }
                putRow(at + in0, a, tile.offset() + vr * tile.stride() - halo + in0, in1 - in0, offset, scale);
                if (in1 < cols) {
                    putRow(at + in1, row, in1, cols - in1, offset, scale);
                }
            } else {
                for (int c = 0; c < cols; c++) {
                    row[c] = tile.get(vr, c - halo);
                }
                putRow(at, row, 0, cols, offset, scale);
            }
            at = r * rowLength;
            if (rowLength > cols) {
                putZeros(at, rowStart);
                putZeros(at + rowStart + cols, rowLength - rowStart - cols);
            }
        }
    }

    @Override
    public void write(FloatArray src) {
        expect("array of length " + src.length(), src.length());
        putRow(0, src.array(), src.offset(), src.length());
    }

    @Override
    public void write(FloatArray src, int channel, int channels) {
        checkChannel(channel, channels);
        expect("array of length " + src.length() + " in " + channels + " channels", (long) src.length() * channels);
        float[] a = src.array();
        int off = src.offset();
        for (int i = 0, n = src.length(); i < n; i++) {
            int at = i * channels + channel;
            if (quant == null) {
                data.putFloat(at * 4, a[off + i]);
            } else {
                data.put(at, (byte) quant.quantize(a[off + i]));
            }
        }
    }

    @Override
    public void read(FloatMatrix dst) {
        read(dst, 0, dst.cols());
    }

    @Override
    public void read(FloatMatrix dst, int rowStart, int rowLength) {
        int cols = dst.cols();
        checkRow(rowStart, cols, rowLength);
        expect("matrix of " + dst.rows() + " x " + cols + " in rows of " + rowLength, (long) dst.rows() * rowLength);
        float[] a = dst.array();
        for (int r = 0; r < dst.rows(); r++) {
            getRow(r * rowLength + rowStart, a, dst.offset() + r * dst.stride(), cols);
        }
    }

    @Override
    public void read(int from, float[] dst, int offset, int length) {
        if (from < 0 || length < 0 || from > elements - length) {
            throw new IllegalArgumentException("elements [" + from + ", " + ((long) from + length) + ") are not inside"
                    + " tensor '" + name + "' of " + elements + " elements");
        }
        Objects.checkFromIndexSize(offset, length, dst.length);
        getRow(from, dst, offset, length);
    }

    @Override
    public void read(FloatArray dst) {
        expect("array of length " + dst.length(), dst.length());
        getRow(0, dst.array(), dst.offset(), dst.length());
    }

    @Override
    public void read(FloatArray dst, int channel, int channels) {
        checkChannel(channel, channels);
        expect("array of length " + dst.length() + " in " + channels + " channels", (long) dst.length() * channels);
        float[] a = dst.array();
        int off = dst.offset();
        for (int i = 0, n = dst.length(); i < n; i++) {
            int at = i * channels + channel;
            a[off + i] = quant == null ? data.getFloat(at * 4) : dequantized[data.get(at) & 0xFF];
        }
    }

    /** Quantizes (or copies) {@code n} floats from {@code src[from..]} to elements {@code at..}. */
    private void putRow(int at, float[] src, int from, int n) {
        if (quant == null) {
            for (int i = 0; i < n; i++) {
                data.putFloat((at + i) * 4, src[from + i]);
            }
            return;
        }
        byte[] b = scratchBytes(n);
        float inv = 1f / scale;
        int zp = zeroPoint;
        int lo = qmin;
        int hi = qmax;
        for (int i = 0; i < n; i++) {
            // Saturates past the calibrated range, never wraps around.
            b[i] = (byte) QuantParams.quantize(src[from + i], inv, zp, lo, hi);
        }
        data.put(at, b, 0, n);
    }

    /** As {@link #putRow(int, float[], int, int)} for {@code (v - offset) * mapScale} of each value. */
    private void putRow(int at, float[] src, int from, int n, float offset, float mapScale) {
        if (offset == 0f && mapScale == 1f) {
            putRow(at, src, from, n);
            return;
        }
        if (quant == null) {
            for (int i = 0; i < n; i++) {
                data.putFloat((at + i) * 4, (src[from + i] - offset) * mapScale);
            }
            return;
        }
        byte[] b = scratchBytes(n);
        float inv = mapScale / scale; // one multiply per value: the map and the tensor's step together
        int zp = zeroPoint;
        int lo = qmin;
        int hi = qmax;
        for (int i = 0; i < n; i++) {
            b[i] = (byte) QuantParams.quantize(src[from + i] - offset, inv, zp, lo, hi);
        }
        data.put(at, b, 0, n);
    }

    /** Real 0 in {@code n} elements from {@code at}: the zero point, or 0.0f. */
    private void putZeros(int at, int n) {
        if (n <= 0) {
            return;
        }
        if (quant == null) {
            for (int i = 0; i < n; i++) {
                data.putFloat((at + i) * 4, 0f);
            }
            return;
        }
        byte[] b = scratchBytes(n);
        java.util.Arrays.fill(b, 0, n, (byte) zeroPoint);
        data.put(at, b, 0, n);
    }

    /** Counts the codes at either end of the int8 (or uint8) range, a chunk at a time through the scratch row. */
    @Override
    public long saturated() {
        if (quant == null) {
            return -1;
        }
        int lo = qmin & 0xFF;
        int hi = qmax & 0xFF;
        int chunk = Math.min(elements, 4096);
        byte[] b = scratchBytes(chunk);
        long n = 0;
        for (int at = 0; at < elements; at += chunk) {
            int len = Math.min(chunk, elements - at);
            data.get(at, b, 0, len);
            for (int i = 0; i < len; i++) {
                int v = b[i] & 0xFF;
                if (v == lo || v == hi) {
                    n++;
                }
            }
        }
        return n;
    }

    private void getRow(int at, float[] dst, int from, int n) {
        if (quant == null) {
            for (int i = 0; i < n; i++) {
                dst[from + i] = data.getFloat((at + i) * 4);
            }
            return;
        }
        byte[] b = scratchBytes(n);
        data.get(at, b, 0, n);
        float[] table = dequantized;
        for (int i = 0; i < n; i++) {
            dst[from + i] = table[b[i] & 0xFF];
        }
    }

    private float[] scratchFloats(int n) {
        if (floatRow.length < n) {
            floatRow = new float[n];
        }
        return floatRow;
    }

    private byte[] scratchBytes(int n) {
        if (rowBytes.length < n) {
            rowBytes = new byte[n];
        }
        return rowBytes;
    }

    private void expect(String what, long count) {
        if (count != elements) {
            throw new IllegalArgumentException("tensor '" + name + "' has shape " + Arrays.toString(shape) + " ("
                    + elements + " elements) but got a " + what + " (" + count + " elements)");
        }
    }

    private static void checkRow(int rowStart, int cols, int rowLength) {
        if (rowStart < 0 || rowLength < cols || rowStart > rowLength - cols) {
            throw new IllegalArgumentException("a row of " + cols + " elements does not fit at " + rowStart
                    + " in tensor rows of " + rowLength);
        }
    }

    private static void checkChannel(int channel, int channels) {
        if (channels < 1 || channel < 0 || channel >= channels) {
            throw new IllegalArgumentException("channel must be in [0, channels), got channel " + channel
                    + " of " + channels);
        }
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + (quant == null ? " float32" : " q(" + scale + ", " + zeroPoint + ")");
    }
}
