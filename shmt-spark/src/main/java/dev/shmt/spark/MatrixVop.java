package dev.shmt.spark;

import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import java.io.Serializable;

/**
 * A generated VOP from one matrix to one of the same shape, chosen by a method reference of the generated
 * class, such as {@code SobelVops::sobel}. Serializable, so Spark ships the reference (not a copy of
 * the VOP) to the executors.
 */
@FunctionalInterface
public interface MatrixVop extends Serializable {
    Report apply(Shmt shmt, FloatMatrix src, FloatMatrix dst);
}
