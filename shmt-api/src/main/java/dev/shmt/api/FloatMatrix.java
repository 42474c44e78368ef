package dev.shmt.api;

import java.util.Objects;

/**
 * A row-major view of {@code float}s in a backing array: {@code rows x cols} cells starting at
 * {@code offset}, rows {@code stride} elements apart.
 *
 * <p>Every view remembers the whole matrix it was cut from. {@link #get(int, int)} accepts indices
 * up to {@link #reach()} cells outside the view and answers with the true neighbour from the whole
 * matrix, or with the {@link Border} value past the whole matrix's edge. That is what lets a stencil
 * body written for the whole matrix run unchanged on a tile. Writes stay inside the view.
 */
public final class FloatMatrix {
    /** Reach of views that may read anywhere (whole matrices and plain regions). */
    public static final int UNLIMITED = Integer.MAX_VALUE / 4;

    private final float[] data;
    private final int base; // index of the whole matrix's (0, 0)
    private final int stride;
    private final int wholeRows;
    private final int wholeCols;
    private final int row0; // this view's (0, 0) inside the whole matrix
    private final int col0;
    private final int rows;
    private final int cols;
    private final int reach;
    private final Border border;

    private FloatMatrix(float[] data, int base, int stride, int wholeRows, int wholeCols,
                        int row0, int col0, int rows, int cols, int reach, Border border) {
        this.data = data;
        this.base = base;
        this.stride = stride;
        this.wholeRows = wholeRows;
        this.wholeCols = wholeCols;
        this.row0 = row0;
        this.col0 = col0;
        this.rows = rows;
        this.cols = cols;
        this.reach = reach;
        this.border = border;
    }

    /** A new zero-filled {@code rows x cols} matrix. */
    public static FloatMatrix create(int rows, int cols) {
        Checks.positive("rows", rows);
        Checks.positive("cols", cols);
        return wrap(new float[Checks.elementCount("rows x cols", rows, cols)], rows, cols);
    }

    /** Views {@code data} as a dense {@code rows x cols} matrix; its length must be exactly rows x cols. */
    public static FloatMatrix wrap(float[] data, int rows, int cols) {
        Checks.notNull("data", data);
        Checks.positive("rows", rows);
        Checks.positive("cols", cols);
        long need = (long) rows * cols;
        if (data.length != need) {
            throw new IllegalArgumentException("data has " + data.length + " elements but rows x cols = "
                    + rows + " x " + cols + " needs " + need);
        }
        return new FloatMatrix(data, 0, cols, rows, cols, 0, 0, rows, cols, UNLIMITED, Border.CLAMP);
    }

    /** Views part of {@code data}: {@code rows x cols} cells from {@code offset}, rows {@code stride} apart. */
    public static FloatMatrix wrap(float[] data, int offset, int rows, int cols, int stride) {
        Checks.notNull("data", data);
        Checks.positive("rows", rows);
        Checks.positive("cols", cols);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        }
        if (stride < cols) {
            throw new IllegalArgumentException("stride must be >= cols (" + cols + "), got " + stride);
        }
        long end = offset + (long) (rows - 1) * stride + cols;
        if (end > data.length) {
            throw new IllegalArgumentException("data has " + data.length + " elements but a " + rows + " x "
                    + cols + " view at offset " + offset + " with stride " + stride + " needs " + end);
        }
        return new FloatMatrix(data, offset, stride, rows, cols, 0, 0, rows, cols, UNLIMITED, Border.CLAMP);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Elements between the starts of consecutive rows in {@link #array()}. */
    public int stride() {
        return stride;
    }

    /** Index of this view's cell (0, 0) in {@link #array()}. */
    public int offset() {
        return base + row0 * stride + col0;
    }

    /** The backing array, shared with every view of the same data. */
    public float[] array() {
        return data;
    }

    /** How far outside this view {@link #get(int, int)} may read. */
    public int reach() {
        return reach;
    }

    public Border border() {
        return border;
    }

    /** Where this view's row 0 lies in the whole matrix it was cut from. */
    public int originRow() {
        return row0;
    }

    /** Where this view's column 0 lies in the whole matrix it was cut from. */
    public int originCol() {
        return col0;
    }

    public int wholeRows() {
        return wholeRows;
    }

    public int wholeCols() {
        return wholeCols;
    }

    /**
     * The value at {@code (r, c)}, which may lie up to {@link #reach()} cells outside this view: the
     * neighbour from the whole matrix, or the border value past its edge.
     *
     * @throws IndexOutOfBoundsException past the reach: the VOP reads more than its declared halo
     */
    public float get(int r, int c) {
        if (r < -reach || r >= rows + reach || c < -reach || c >= cols + reach) {
            throw outOfReach(r, c);
        }
        int gr = row0 + r;
        int gc = col0 + c;
        if (gr >= 0 && gr < wholeRows && gc >= 0 && gc < wholeCols) {
            return data[base + gr * stride + gc];
        }
        return outside(gr, gc);
    }

    private float outside(int gr, int gc) {
        int rr = border.resolve(gr, wholeRows);
        int cc = border.resolve(gc, wholeCols);
        return rr < 0 || cc < 0 ? 0f : data[base + rr * stride + cc];
    }

    /** Writes {@code (r, c)}, which must lie inside this view. */
    public void set(int r, int c, float v) {
        if (r < 0 || r >= rows || c < 0 || c >= cols) {
            throw new IndexOutOfBoundsException("set(" + r + ", " + c + ") outside a " + rows + " x " + cols + " view");
        }
        data[base + (row0 + r) * stride + col0 + c] = v;
    }

    /**
     * A sub-view of {@code rows x cols} cells at {@code (row, col)} of this view. It reads neighbours
     * from the whole matrix without limit and keeps this view's border.
     */
    public FloatMatrix region(int row, int col, int rows, int cols) {
        Checks.positive("rows", rows);
        Checks.positive("cols", cols);
        if (row < 0 || col < 0 || row + rows > this.rows || col + cols > this.cols) {
            throw new IllegalArgumentException("region (" + row + ", " + col + ") of " + rows + " x " + cols
                    + " is not inside this " + this.rows + " x " + this.cols + " view");
        }
        return new FloatMatrix(data, base, stride, wholeRows, wholeCols, row0 + row, col0 + col, rows, cols,
                UNLIMITED, border);
    }

    /** The sub-view covering {@code region}: where an HLOP writes its part of an output. */
    public FloatMatrix region(Region region) {
        Objects.requireNonNull(region, "region");
        return region(region.row(), region.col(), region.rows(), region.cols());
    }

    /** The tile view an HLOP works on: {@code region}, readable {@code halo} cells each side. */
    public FloatMatrix tile(Region region, int halo) {
        Objects.requireNonNull(region, "region");
        if (halo < 0) {
            throw new IllegalArgumentException("halo must be >= 0, got " + halo);
        }
        FloatMatrix r = region(region.row(), region.col(), region.rows(), region.cols());
        return new FloatMatrix(data, base, stride, wholeRows, wholeCols, r.row0, r.col0, r.rows, r.cols, halo, border);
    }

    /** This view with another border rule. */
    public FloatMatrix withBorder(Border border) {
        Objects.requireNonNull(border, "border");
        return new FloatMatrix(data, base, stride, wholeRows, wholeCols, row0, col0, rows, cols, reach, border);
    }

    /** True when this view and {@code other} share array elements (conservative for different strides). */
    public boolean overlaps(FloatMatrix other) {
        if (other.data != data) {
            return false;
        }
        long a0 = offset();
        long a1 = a0 + (long) (rows - 1) * stride + cols;
        long b0 = other.offset();
        long b1 = b0 + (long) (other.rows - 1) * other.stride + other.cols;
        if (!(a0 < b1 && b0 < a1)) {
            return false;
        }
        if (stride != other.stride) {
            return true; // different layouts over one array: the spans meet, assume they touch
        }
        // Same stride: both are rectangles of one row-major grid, so compare rows and columns.
        long ar = a0 / stride, ac = a0 % stride, br = b0 / stride, bc = b0 % stride;
        if (ac + cols > stride || bc + other.cols > stride) {
            return true; // a row wraps past the grid's edge (unaligned offset): stay conservative
        }
        return ar < br + other.rows && br < ar + rows && ac < bc + other.cols && bc < ac + cols;
    }

    /** A dense row-major copy of this view's cells. */
    public float[] toArray() {
        float[] out = new float[rows * cols];
        int from = offset();
        for (int r = 0; r < rows; r++) {
            System.arraycopy(data, from + r * stride, out, r * cols, cols);
        }
        return out;
    }

    /** Copies {@code src}'s cells into this view; shapes must match. */
    public void copyFrom(FloatMatrix src) {
        Objects.requireNonNull(src, "src");
        if (src.rows != rows || src.cols != cols) {
            throw new IllegalArgumentException("src is " + src.rows + " x " + src.cols + " but this view is "
                    + rows + " x " + cols);
        }
        int to = offset();
        int from = src.offset();
        for (int r = 0; r < rows; r++) {
            System.arraycopy(src.data, from + r * src.stride, data, to + r * stride, cols);
        }
    }

    private IndexOutOfBoundsException outOfReach(int r, int c) {
        return new IndexOutOfBoundsException("get(" + r + ", " + c + ") is more than " + reach
                + " cells outside a " + rows + " x " + cols + " tile: does the VOP declare a large enough halo?");
    }

    @Override
    public String toString() {
        return "FloatMatrix[" + rows + " x " + cols + " at (" + row0 + ", " + col0 + ") of " + wholeRows + " x "
                + wholeCols + ", border " + border + "]";
    }
}
