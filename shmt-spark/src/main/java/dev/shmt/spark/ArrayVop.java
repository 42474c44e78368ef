package dev.shmt.spark;

import dev.shmt.api.FloatArray;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import java.io.Serializable;

/**
 * A generated VOP from one array to one of the same length, chosen by a method reference of the
 * generated class. Serializable, so Spark ships the reference to the executors.
 */
@FunctionalInterface
public interface ArrayVop extends Serializable {
    Report apply(Shmt shmt, FloatArray in, FloatArray out);
}
