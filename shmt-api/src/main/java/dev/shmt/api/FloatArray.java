package dev.shmt.api;

import java.util.Objects;

/** A 1-D view of {@code length} consecutive {@code float}s of a backing array, from {@code offset}. */
public final class FloatArray {
    private final float[] data;
    private final int offset;
    private final int length;

    private FloatArray(float[] data, int offset, int length) {
        this.data = data;
        this.offset = offset;
        this.length = length;
    }

    /** A new zero-filled array of {@code length} elements. */
    public static FloatArray create(int length) {
        Checks.positive("length", length);
        Checks.arrayLength("length", length);
        return new FloatArray(new float[length], 0, length);
    }

    /** Views the whole of {@code data}. */
    public static FloatArray wrap(float[] data) {
        Checks.notNull("data", data);
        Checks.positive("data.length", data.length);
        return new FloatArray(data, 0, data.length);
    }

    /** Views {@code length} elements of {@code data} from {@code offset}. */
    public static FloatArray wrap(float[] data, int offset, int length) {
        Checks.notNull("data", data);
        Checks.positive("length", length);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        }
        if ((long) offset + length > data.length) {
            throw new IllegalArgumentException("offset " + offset + " + length " + length
                    + " is outside data of " + data.length + " elements");
        }
        return new FloatArray(data, offset, length);
    }

    public int length() {
        return length;
    }

    /** Index of element 0 in {@link #array()}. */
    public int offset() {
        return offset;
    }

    /** The backing array, shared with every view of the same data. */
    public float[] array() {
        return data;
    }

    public float get(int i) {
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException("get(" + i + ") outside a view of " + length + " elements");
        }
        return data[offset + i];
    }

    public void set(int i, float v) {
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException("set(" + i + ") outside a view of " + length + " elements");
        }
        data[offset + i] = v;
    }

    /** The sub-view of {@code length} elements from {@code from}. */
    public FloatArray slice(int from, int length) {
        Checks.positive("length", length);
        if (from < 0 || (long) from + length > this.length) {
            throw new IllegalArgumentException("slice " + from + " + " + length + " is outside a view of "
                    + this.length + " elements");
        }
        return new FloatArray(data, offset + from, length);
    }

    /** The HLOP view of a 1-D {@code region} (its {@link Region#start()} and {@link Region#length()}). */
    public FloatArray slice(Region region) {
        Objects.requireNonNull(region, "region");
        return slice(region.start(), region.length());
    }

    /** True when this view and {@code other} share array elements. */
    public boolean overlaps(FloatArray other) {
        return other.data == data && offset < other.offset + other.length && other.offset < offset + length;
    }

    /** A copy of this view's elements. */
    public float[] toArray() {
        float[] out = new float[length];
        System.arraycopy(data, offset, out, 0, length);
        return out;
    }

    @Override
    public String toString() {
        return "FloatArray[" + length + " at " + offset + "]";
    }
}
