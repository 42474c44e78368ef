package dev.shmt.api;

/** Arithmetic precision of a device; policies rank devices by it, most precise first. */
public enum Precision {
    FP32(3),
    FP16(2),
    INT8(1);

    private final int rank;

    Precision(int rank) {
        this.rank = rank;
    }

    /** True when this precision is at least as precise as {@code other}. */
    public boolean atLeast(Precision other) {
        return rank >= other.rank;
    }
}
