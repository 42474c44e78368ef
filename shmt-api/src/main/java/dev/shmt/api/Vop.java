package dev.shmt.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method as a virtual operation (VOP). The method body is written once, for whole
 * arrays or matrices; the runtime calls it on HLOP-sized views of them, so calling it directly on the
 * whole data is the reference result.
 *
 * <p>Hints left at 0 (or negative, for the quality hint) let the runtime choose.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Vop {
    /** The parallelization model that splits calls into HLOPs. */
    Partition partition();

    /** Cells each side of a tile that a {@link Partition#TILE_2D} body reads; 0 for other models. */
    int halo() default 0;

    /** How reads outside the whole matrix resolve. */
    Border border() default Border.CLAMP;

    /** Tile height for {@code TILE_2D}, rows per HLOP for {@code ROWS}. */
    int tileRows() default 0;

    /** Tile width for {@code TILE_2D}. */
    int tileCols() default 0;

    /**
     * For {@link Partition#TILE_2D} and {@link Partition#ROWS}: tile sides (rows per HLOP for ROWS) come in
     * multiples of this, for bodies that work on fixed blocks (an 8 x 8 DCT). The runtime rounds every tile
     * size it picks, from the VOP's hints, its own {@code tileHint} or its defaults, down to a multiple, never
     * below one multiple; only the last tile at the matrix's edge may be shorter, with what remains. 0 (the
     * default) takes any size.
     */
    int tileMultiple() default 0;

    /** Elements per HLOP for {@code ELEMENTWISE} and {@code REDUCE}; rounded up to whole pages. */
    int chunk() default 0;

    /**
     * Quality hint: the fraction of HLOPs that are usually critical to the result (the paper's
     * top-K), read by quality-aware policies. Negative means "use the runtime's setting".
     */
    double criticalFraction() default -1;

    /**
     * For {@link Partition#REDUCE}: the name of a static method of the same class that combines two
     * partial results, {@code static T name(T a, T b)} with {@code T} the VOP's return type. It must be
     * associative; the runtime applies it in HLOP order.
     */
    String combiner() default "";

    /**
     * The name of a static method of the same class that checks what the partition model cannot: a
     * non-private {@code static void name(...)} with the VOP's parameter types in order, throwing
     * {@link IllegalArgumentException} naming the argument (for example an FFT's rows must be a power of
     * two long). The generated method calls it with the whole views after its own checks (non-null,
     * shapes, aliasing) and before anything runs, so a refused call writes nothing on any device, even one
     * whose kernel would not notice.
     */
    String check() default "";

    /**
     * The name of a static method of the same class that scores an HLOP's criticality from the samples
     * the quality-aware policies read of its inputs: a non-private {@code static double name(float[]
     * a, float[] b, ...)} with one {@code float[]} per {@code @In} view, in order, holding the values
     * read at the same sampled cells (see {@link CriticalityMetric}). Higher means the HLOP should stay on
     * a precise device. Without it, the NPU kernel's declared metric applies, else the runtime's setting.
     */
    String criticality() default "";
}
