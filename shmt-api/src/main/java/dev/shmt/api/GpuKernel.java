package dev.shmt.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The GPU implementation of a {@link Vop}: a CUDA kernel compiled to PTX, shipped as a class-path
 * resource. The annotation processor checks at compile time that the resource exists and defines the
 * kernel as an {@code .entry}.
 *
 * <p>The kernel receives the VOP's parameters in order: a {@code FloatMatrix} as {@code float*} to the
 * HLOP's first cell and its row stride in floats ({@code int}), a {@code FloatArray} as {@code float*},
 * a scalar as its value; then the HLOP's {@code int rows, int cols} (and its {@code int row0, int col0} under
 * {@link Launch#PER_CELL_AT_ORIGIN}). An input's pointer may be indexed
 * {@code halo} cells before and after the tile. The host fills the halo (with the border rule at the
 * matrix's edge) before the kernel runs, so kernels never test for borders themselves.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface GpuKernel {
    /** The PTX resource: relative to the VOP class's package, or absolute when it starts with '/'. */
    String ptx();

    /** The kernel's entry name in the PTX (an {@code extern "C"} name, or the mangled one). */
    String function();

    /** How the kernel's threads map onto the HLOP; {@link Launch#PER_CELL} unless the kernel says otherwise. */
    Launch launch() default Launch.PER_CELL;

    /** The launch geometries the GPU device knows. */
    enum Launch {
        /**
         * One thread per output cell: blocks of 32 x 8 threads (256 x 1 for a single row) over a grid
         * covering {@code cols x rows}; the kernel returns for threads outside the tile.
         */
        PER_CELL,
        /**
         * As {@link #PER_CELL}; after {@code rows, cols} the kernel also receives the HLOP's origin in the
         * whole matrix, {@code int row0, int col0}, for kernels whose arithmetic depends on a cell's
         * absolute position (a wavelet's even and odd filters, a grid of 8 x 8 blocks), so any tiling
         * gives the result of the whole call.
         */
        PER_CELL_AT_ORIGIN,
        /**
         * One block of 256 threads per row ({@code blockIdx.x} is the row), for kernels whose threads
         * cooperate on a whole row, such as a row FFT.
         */
        PER_ROW
    }
}
