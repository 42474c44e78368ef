package dev.shmt.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/**
 * The GPU implementation of a {@link Vop}: a CUDA kernel compiled to PTX, shipped as a class-path
 * resource. The annotation processor checks at compile time that the resource exists and defines the
 * kernel as an {@code .entry}.
 *
 * <p>The kernel receives the VOP's parameters in order: a {@code FloatMatrix} as {@code float*} to the
 * HLOP's first cell and its row stride in floats ({@code int}), a {@code FloatArray} as {@code float*},
 * a scalar as its value; for a {@link Partition#REDUCE} VOP, then a pointer to the HLOP's partial result
 * ({@link #partialLength()} elements of {@link #partialType()}, zeroed before the launch, which the kernel
 * adds into and the device reads back as the HLOP's result); then the HLOP's {@code int rows, int cols}
 * (and its {@code int row0, int col0} under {@link Launch#PER_CELL_AT_ORIGIN}). An input's pointer may be indexed
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

    /**
     * For a {@link Partition#REDUCE} VOP (required there, 0 elsewhere): the elements of an HLOP's partial
     * result in device memory, for example 256 bins of a histogram. The device returns them converted to
     * the VOP's return type, which must be an array its {@link #partialType()} converts to exactly.
     */
    int partialLength() default 0;

    /** The C type of the partial result's elements; see {@link PartialType} for the Java arrays each fills. */
    PartialType partialType() default PartialType.UINT32;

    /** Element types of a REDUCE kernel's partial result, each 4 bytes in device memory. */
    enum PartialType {
        /** {@code unsigned int}, for counts; returned as {@code long[]} (Java has no unsigned int). */
        UINT32("unsigned int", long[].class),
        /** {@code int}; returned as {@code int[]} or {@code long[]}. */
        INT32("int", int[].class, long[].class),
        /** {@code float}; returned as {@code float[]} or {@code double[]}. */
        FLOAT32("float", float[].class, double[].class);

        private final String cType;
        private final List<Class<?>> javaTypes;

        PartialType(String cType, Class<?>... javaTypes) {
            this.cType = cType;
            this.javaTypes = List.of(javaTypes);
        }

        /** The kernel's C type of an element: {@code unsigned int}, {@code int}, {@code float}. */
        public String cType() {
            return cType;
        }

        /** The Java arrays that hold every value of this type exactly: what a VOP with it may return. */
        public List<Class<?>> javaTypes() {
            return javaTypes;
        }
    }

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
