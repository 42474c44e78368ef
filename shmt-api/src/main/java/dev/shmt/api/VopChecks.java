package dev.shmt.api;

/**
 * Argument checks generated VOP methods run before anything is written. Each failure is an
 * {@link IllegalArgumentException} naming the VOP, the parameter and what was expected.
 */
public final class VopChecks {
    private VopChecks() {}

    public static <T> T notNull(String vop, String param, T value) {
        if (value == null) {
            throw new IllegalArgumentException(vop + ": argument '" + param + "' must not be null");
        }
        return value;
    }

    /** {@code m} has the shape of {@code ref}: TILE_2D views cover the same domain. */
    public static void sameShape(String vop, String param, FloatMatrix m, String refParam, FloatMatrix ref) {
        if (m.rows() != ref.rows() || m.cols() != ref.cols()) {
            throw new IllegalArgumentException(vop + ": argument '" + param + "' must be " + ref.rows() + " x "
                    + ref.cols() + " like '" + refParam + "', got " + m.rows() + " x " + m.cols());
        }
    }

    /** {@code m} has the row count of {@code ref}: ROWS views split into the same row blocks. */
    public static void sameRows(String vop, String param, FloatMatrix m, String refParam, FloatMatrix ref) {
        if (m.rows() != ref.rows()) {
            throw new IllegalArgumentException(vop + ": argument '" + param + "' must have " + ref.rows()
                    + " rows like '" + refParam + "', got " + m.rows() + " x " + m.cols());
        }
    }

    /** {@code a} has the length of {@code ref}: ELEMENTWISE and REDUCE views split into the same chunks. */
    public static void sameLength(String vop, String param, FloatArray a, String refParam, FloatArray ref) {
        if (a.length() != ref.length()) {
            throw new IllegalArgumentException(vop + ": argument '" + param + "' must have length " + ref.length()
                    + " like '" + refParam + "', got " + a.length());
        }
    }

    /**
     * An output may be the very same view as an input (each HLOP reads its cells before writing them)
     * but must not partly overlap it, nor overlap at all when {@code halo > 0}: a stencil reads
     * neighbours that other HLOPs overwrite.
     */
    public static void notAliased(String vop, String out, FloatMatrix o, String in, FloatMatrix i, int halo) {
        if (!o.overlaps(i)) {
            return;
        }
        boolean same = o.array() == i.array() && o.offset() == i.offset() && o.stride() == i.stride()
                && o.rows() == i.rows() && o.cols() == i.cols();
        if (halo > 0) {
            throw new IllegalArgumentException(vop + ": output '" + out + "' must not overlap input '" + in
                    + "': a stencil with halo " + halo + " reads cells that other tiles write");
        }
        if (!same) {
            throw new IllegalArgumentException(vop + ": output '" + out + "' partly overlaps input '" + in
                    + "'; pass either the same view (in place) or separate memory");
        }
    }

    /** As {@link #notAliased(String, String, FloatMatrix, String, FloatMatrix, int)} for 1-D views. */
    public static void notAliased(String vop, String out, FloatArray o, String in, FloatArray i) {
        if (o.overlaps(i) && !(o.offset() == i.offset() && o.length() == i.length())) {
            throw new IllegalArgumentException(vop + ": output '" + out + "' partly overlaps input '" + in
                    + "'; pass either the same view (in place) or separate memory");
        }
    }

    /** Two outputs must not share memory: HLOPs would write each other's results. */
    public static void separateOutputs(String vop, String a, FloatMatrix x, String b, FloatMatrix y) {
        if (x.overlaps(y)) {
            throw new IllegalArgumentException(vop + ": outputs '" + a + "' and '" + b + "' must not overlap");
        }
    }

    public static void separateOutputs(String vop, String a, FloatArray x, String b, FloatArray y) {
        if (x.overlaps(y)) {
            throw new IllegalArgumentException(vop + ": outputs '" + a + "' and '" + b + "' must not overlap");
        }
    }
}
