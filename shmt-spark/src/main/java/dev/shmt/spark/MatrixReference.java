package dev.shmt.spark;

import dev.shmt.api.FloatMatrix;
import java.io.Serializable;

/**
 * The result a {@link MatrixVop} should give, for the job report's quality figures: usually the annotated
 * method itself ({@code Sobel::sobel}), which is the VOP run whole on the CPU.
 */
@FunctionalInterface
public interface MatrixReference extends Serializable {
    void apply(FloatMatrix src, FloatMatrix dst);
}
