package dev.shmt.runtime.testing;

import dev.shmt.api.FloatMatrix;
import java.util.function.BiConsumer;

/**
 * Test-only implementation type for {@link StagingDevice}: which input to stage, where the output goes,
 * and the body to run on the staged tile (as a GPU binding names its kernel).
 */
public record StagedTileOp(FloatMatrix src, FloatMatrix dst, int halo, BiConsumer<FloatMatrix, FloatMatrix> body) {}
