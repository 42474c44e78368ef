package dev.shmt.api;

/**
 * The CPU implementation of one HLOP: computes the VOP on {@code region}. Write-style VOPs write their
 * output region and return null; REDUCE VOPs return their partial result.
 */
@FunctionalInterface
public interface CpuKernel {
    Object run(Region region);
}
