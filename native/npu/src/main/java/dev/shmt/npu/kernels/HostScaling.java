package dev.shmt.npu.kernels;

import dev.shmt.npu.quant.ValueRange;

/**
 * The host's map of one HLOP's values onto a static model's input range, {@code x' = (x - offset) *
 * scale}: the data's own range {@code [lo, hi]} becomes the model's {@code [min, max]}, so every HLOP
 * uses all of the int8 input steps, as the per-tile scaling of the paper's Edge TPU inputs does. For a
 * linear model the kernel undoes it on the output exactly.
 */
public record HostScaling(float offset, float scale) {
    public static final HostScaling IDENTITY = new HostScaling(0f, 1f);

    public HostScaling {
        if (!(scale > 0) || !Float.isFinite(scale) || !Float.isFinite(offset)) {
            throw new IllegalArgumentException("scale must be finite and > 0 and offset finite, got scale " + scale
                    + ", offset " + offset);
        }
    }

    /**
     * The map of {@code data} onto {@code model}. Data of one value (or none finite) is only shifted onto
     * the model's minimum; a scale that would overflow (a range too narrow for floats) is capped, which
     * only leaves the steps coarser than they could be.
     */
    public static HostScaling fit(ValueRange data, ValueRange model) {
        if (data == null) {
            return IDENTITY;
        }
        double width = (double) data.max() - data.min();
        double s = width > 0 ? model.width() / width : 1;
        if (!(s > 0) || s > 1e30) {
            s = width > 0 && model.width() > 0 ? 1e30 : 1;
        }
        float scale = (float) s;
        float offset = (float) (data.min() - model.min() / s);
        return new HostScaling(offset, scale);
    }

    public float apply(float x) {
        return (x - offset) * scale;
    }
}
