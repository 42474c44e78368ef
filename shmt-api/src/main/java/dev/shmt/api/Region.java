package dev.shmt.api;

/**
 * The part of a VOP's data one HLOP covers: {@code rows x cols} cells at {@code (row, col)}. A 1-D
 * region (ELEMENTWISE, REDUCE) is one row: it starts at {@link #start()} and holds {@link #length()}
 * elements.
 */
public record Region(int row, int col, int rows, int cols) {
    public Region {
        if (row < 0 || col < 0 || rows < 1 || cols < 1) {
            throw new IllegalArgumentException("bad region (" + row + ", " + col + ") " + rows + " x " + cols);
        }
    }

    /** A 1-D region of {@code length} elements from {@code start}. */
    public static Region span(int start, int length) {
        return new Region(0, start, 1, length);
    }

    /** First element of a 1-D region. */
    public int start() {
        return col;
    }

    /** Element count of a 1-D region. */
    public int length() {
        return cols;
    }

    public long elements() {
        return (long) rows * cols;
    }

    @Override
    public String toString() {
        return rows == 1 && row == 0 ? "[" + col + ", " + (col + cols) + ")"
                : "(" + row + "," + col + ")+" + rows + "x" + cols;
    }
}
