package dev.shmt.api;

/** What a read outside the whole matrix returns. Names follow OpenCV's border modes. */
public enum Border {
    /** The nearest edge value: {@code aaa|abcd|ddd}. */
    CLAMP,
    /** Mirror without repeating the edge: {@code dcb|abcd|cba}. */
    REFLECT_101,
    /** Zero: {@code 000|abcd|000}. */
    ZERO;

    /**
     * Maps an index outside {@code [0, n)} to the index it reads, or -1 for {@link #ZERO}.
     * Indices inside are returned unchanged.
     */
    public int resolve(int i, int n) {
        if (i >= 0 && i < n) {
            return i;
        }
        switch (this) {
            case CLAMP:
                return i < 0 ? 0 : n - 1;
            case REFLECT_101:
                if (n == 1) {
                    return 0;
                }
                // Reflect repeatedly so reads far past the edge (halo wider than the matrix) stay inside.
                do {
                    i = i < 0 ? -i : 2 * n - 2 - i;
                } while (i < 0 || i >= n);
                return i;
            case ZERO:
                return -1;
            default:
                throw new AssertionError(this);
        }
    }
}
