package dev.shmt.spark;

import dev.shmt.api.FloatMatrix;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * One element of a distributed image set: a name that travels with it (a file's path), and its pixels
 * row by row.
 */
public final class FloatImage implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final int rows;
    private final int cols;
    private final float[] pixels;

    /**
     * @throws IllegalArgumentException naming {@code pixels} when its length is not {@code rows * cols},
     *     or naming {@code rows}/{@code cols} when one is below 1
     */
    public FloatImage(String name, int rows, int cols, float[] pixels) {
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pixels, "pixels");
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("rows and cols must be >= 1, got " + rows + " x " + cols + " for " + name);
        }
        if ((long) rows * cols != pixels.length) {
            throw new IllegalArgumentException("pixels must hold rows * cols = " + (long) rows * cols + " values for "
                    + name + ", got " + pixels.length);
        }
        this.rows = rows;
        this.cols = cols;
        this.pixels = pixels;
    }

    public String name() {
        return name;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The pixels themselves, not a copy. */
    public float[] pixels() {
        return pixels;
    }

    public long cells() {
        return (long) rows * cols;
    }

    /** A view of the pixels, sharing them. */
    public FloatMatrix matrix() {
        return FloatMatrix.wrap(pixels, rows, cols);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatImage other && name.equals(other.name) && rows == other.rows && cols == other.cols
                && Arrays.equals(pixels, other.pixels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, rows, cols, Arrays.hashCode(pixels));
    }

    @Override
    public String toString() {
        return name + " (" + rows + " x " + cols + ")";
    }
}
