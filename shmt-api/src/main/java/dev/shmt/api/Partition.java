package dev.shmt.api;

/** How the runtime splits a VOP into HLOPs (the paper's parallelization models, section 3.2). */
public enum Partition {
    /** Chunks of consecutive elements of 1-D arrays; each chunk is a whole number of 4 KiB pages. */
    ELEMENTWISE,
    /** Rectangular tiles of a matrix; a stencil reads {@link Vop#halo()} cells around its tile. */
    TILE_2D,
    /** Blocks of whole matrix rows (row FFTs, row-wise transforms). */
    ROWS,
    /** Chunks whose partial results are combined by an associative combiner. */
    REDUCE
}
