package dev.shmt.api.npu;

import dev.shmt.api.CriticalityMetric;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;

/**
 * The NPU implementation of one HLOP, named by {@link dev.shmt.api.NpuModel}: it stages the HLOP's
 * inputs into an int8 model's float input tensors, runs it through {@code npu}, and writes the
 * dequantized outputs (with any host-side finishing, such as a magnitude) into the output region.
 * Instances are shared by all calls and worker threads, so they keep no per-HLOP state.
 *
 * <p>A kernel computes into its own buffers and calls {@link NpuContext#claimOutput()} before its first
 * write to an output view, writing nothing when that answers false: so a hung NPU's late result never
 * lands in the caller's memory after the HLOP was re-run elsewhere.
 */
@FunctionalInterface
public interface NpuKernel {
    /** Runs {@code region} of {@code call}; returns the partial result of a REDUCE call, otherwise null. */
    Object run(NpuContext npu, VopCall call, Region region) throws Exception;

    /**
     * The input statistic this kernel's int8 error grows with, which quality-aware policies rank HLOPs
     * by when the VOP names no metric of its own ({@link dev.shmt.api.Vop#criticality()}); null when
     * the kernel declares none and the runtime's setting applies. A kernel that scales each HLOP's
     * range onto its model, for example, answers {@link CriticalityMetric#RANGE}.
     */
    default CriticalityMetric criticality() {
        return null;
    }

    /**
     * Whether {@link #predictedError} predicts this kernel's int8 error; then quality-aware policies rank
     * HLOPs by it, unless the VOP names a metric of its own.
     */
    default boolean predictsError() {
        return false;
    }

    /**
     * The int8 error this kernel expects on {@code region} of {@code call}, summed over the region's outputs
     * in their own units, from a look at about {@code samples} of its input cells; infinite when an input
     * read is NaN or infinite. Called on the caller's thread before any HLOP runs, for every HLOP, so it
     * must cost far less than running it. Only asked when {@link #predictsError()} is true.
     */
    default double predictedError(VopCall call, Region region, int samples) {
        return Double.NaN;
    }

    /**
     * Non-null for a VOP that has no int8 form: why not, in one sentence users read. The NPU device then
     * declines every call of the VOP with this reason (in each report's devices not used, and in the
     * bench's rows), rather than leaving it as a VOP without an NPU
     * implementation; {@link #run} is never called. Null (the default) for a kernel that runs.
     */
    default String impossible() {
        return null;
    }
}
