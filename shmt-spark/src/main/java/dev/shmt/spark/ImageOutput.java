package dev.shmt.spark;

/** What {@link ShmtSpark#mapImageFiles} puts in its {@code content} column. */
public enum ImageOutput {
    /** An 8-bit grey PNG ({@link Pngs#encode}): for looking at, not exact. */
    PNG,
    /** The VOP's float results, row by row, in an {@code array<float>} column {@code pixels}: exact. */
    FLOATS
}
