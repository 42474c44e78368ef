package dev.shmt.api.npu;

import dev.shmt.api.FloatArray;
import dev.shmt.api.FloatMatrix;

/**
 * One input or output tensor of an {@link NpuInterpreter}, seen through floats. For an int8 tensor,
 * writes quantize with the scale and zero point stored in the model's tensor and reads dequantize with
 * them; for a float32 tensor both copy. Values past the int8 range saturate, they never wrap.
 * Element counts must match the tensor exactly: a model has one fixed shape.
 */
public interface NpuTensor {
    /** Dimensions, outermost first (for an image tile: 1, rows, cols, channels). */
    int[] shape();

    /** Product of {@link #shape()}. */
    int elements();

    /** True for an int8 tensor, false for float32. */
    boolean quantized();

    /** Real value of one quantization step; 1 for float32. */
    float scale();

    /** The int8 value that stands for real 0; 0 for float32. */
    int zeroPoint();

    /**
     * Writes {@code tile} with {@code halo} cells each side, row-major: {@code (rows + 2 halo) x
     * (cols + 2 halo)} elements, reading neighbours and borders as {@link FloatMatrix#get} does.
     */
    void write(FloatMatrix tile, int halo);

    /**
     * Like {@link #write(FloatMatrix, int)}, but each of the {@code rows + 2 halo} tensor rows is
     * {@code rowLength} elements long and the tile's row starts at element {@code rowStart}; the rest
     * of the row is real 0. For models that lay a tile out with padding, such as column blocks folded
     * into channels.
     */
    void write(FloatMatrix tile, int halo, int rowStart, int rowLength);

    /**
     * Like {@link #write(FloatMatrix, int, int, int)}, each value first mapped to {@code (v - offset) *
     * scale} on the host (the padding stays real 0). A kernel whose model is linear uses it to spread
     * each HLOP's own range of values over the model's fixed int8 input range, and undoes the map on the
     * output: the model and its quantization stay static, as an Edge TPU needs, while flat tiles get fine
     * steps. Subtracting before scaling keeps the map exact for values far from 0.
     */
    void write(FloatMatrix tile, int halo, int rowStart, int rowLength, float offset, float scale);

    /** Writes {@code src}'s elements in order. */
    void write(FloatArray src);

    /** Writes {@code src} into one channel: element {@code i} goes to {@code i * channels + channel}. */
    void write(FloatArray src, int channel, int channels);

    /** Reads the tensor, row-major, into {@code dst} ({@code rows x cols} elements). */
    void read(FloatMatrix dst);

    /**
     * Reads {@code dst.rows()} tensor rows of {@code rowLength} elements, taking {@code dst.cols()}
     * of each from element {@code rowStart}: the inverse of the padded
     * {@link #write(FloatMatrix, int, int, int)}.
     */
    void read(FloatMatrix dst, int rowStart, int rowLength);

    /**
     * Reads {@code length} elements in order, from element {@code from}, into {@code dst} at
     * {@code offset}: for kernels that combine several values of each position on the host (such as
     * the channel groups of a gradient), a tensor row at a time into a buffer they reuse.
     */
    void read(int from, float[] dst, int offset, int length);

    /** Reads the tensor in order into {@code dst}. */
    void read(FloatArray dst);

    /** Reads one channel: element {@code i * channels + channel} goes to {@code dst[i]}. */
    void read(FloatArray dst, int channel, int channels);

    /**
     * How many elements hold the int8 (or uint8) code at either end of the range: values the model's
     * output scale clipped. -1 for a tensor that is not quantized, or a device that cannot tell.
     */
    default long saturated() {
        return -1;
    }
}
