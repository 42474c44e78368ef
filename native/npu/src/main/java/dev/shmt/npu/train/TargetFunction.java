package dev.shmt.npu.train;

/**
 * The exact CPU function an NPU model approximates: one float output from {@code x.length} float
 * inputs. A primitive interface so sampling thousands of points boxes nothing. It must be pure
 * (the same inputs give the same output), or training is not reproducible and the cache lies.
 */
@FunctionalInterface
public interface TargetFunction {
    /** The function's value at {@code x}; {@code x} is only read, never kept. */
    float apply(float[] x);
}
