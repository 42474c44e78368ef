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

    /** Writes {@code src}'s elements in order. */
    void write(FloatArray src);

    /** Writes {@code src} into one channel: element {@code i} goes to {@code i * channels + channel}. */
    void write(FloatArray src, int channel, int channels);

    /** Reads the tensor, row-major, into {@code dst} ({@code rows x cols} elements). */
    void read(FloatMatrix dst);

    /** Reads the tensor in order into {@code dst}. */
    void read(FloatArray dst);

    /** Reads one channel: element {@code i * channels + channel} goes to {@code dst[i]}. */
    void read(FloatArray dst, int channel, int channels);
}
