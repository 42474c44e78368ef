package dev.shmt.apps.histogram;

import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.api.npu.NpuContext;
import dev.shmt.api.npu.NpuKernel;

/**
 * {@link Histogram#hist256} has no int8 NPU form: this kernel declares it ({@link #impossible()}), so the NPU
 * device declines the VOP with {@link #REASON} in every report and bench row instead of just lacking it.
 *
 * <p>Why. A histogram is a scatter-add: each pixel increments one of 256 counters. The int8 layers a TFLite
 * model (and an Edge TPU) offers compute weighted sums of their inputs, with int8 outputs.
 * <ul>
 *   <li>The only cheap int8 form of bin membership is the input's own quantization: with scale 1 the int8
 *       code of a pixel is its grey level. TFLite rounds to nearest, so the code is {@code round(v)}, not the
 *       bin {@code floor(v)}; the host would subtract 0.5 first (exact for v in (0, 256), half-way cases
 *       rounding away from zero). Measured on the bench's image (Images.structured 1024 x 1024, seed 42)
 *       without the shift: {@value #ROUNDED_OFF_PERCENT}% of the pixels land one bin off; with it, none (no
 *       pixel there is exactly 0). Either way the NPU
 *       would only convert floats to bytes; all the counting, the histogram's whole work, stays on the host,
 *       and the pixels cross the bus twice for it.
 *   <li>An exact layer form exists but is no NPU work worth having: per bin k a hat function of the code,
 *       {@code relu(x - k + 1) - 2 relu(x - k) + relu(x - k - 1)} (1 at x = k, 0 at other integers), summed
 *       over at most 255 pixels so the counts fit an int8 output with scale 1. That is 3 x 256 activations
 *       and about 770 multiply-adds per pixel, and 256 int8 outputs per 255 pixels, where the CPU does one
 *       increment per pixel. Not built.
 * </ul>
 */
public final class HistogramNpu implements NpuKernel {
    /** What the NPU device reports for the histogram. */
    public static final String REASON = "int8 layers compute weighted sums, not counts; the only cheap int8 form of"
            + " bin membership is the input's own quantization, which leaves all the counting to the host";

    /** Percent of the bench image's pixels whose round-to-nearest int8 code is not their bin (see the class doc). */
    static final String ROUNDED_OFF_PERCENT = "50.0";

    @Override
    public String impossible() {
        return REASON;
    }

    @Override
    public Object run(NpuContext npu, VopCall call, Region region) {
        throw new UnsupportedOperationException(call.name() + " on the NPU: " + REASON);
    }
}
