package dev.shmt.runtime.qaws;

import java.util.Arrays;

/**
 * One input's samples of one HLOP, in the order the sampler read them, for a {@link
 * dev.shmt.api.CriticalityMetric}. Reused across the HLOPs of a call: it grows, never shrinks, so
 * sampling allocates only while the largest HLOP is first seen.
 */
final class SampleBuffer implements SampleSink {
    private float[] values = new float[64];
    private int count;
    private int nonFinite;

    void reset() {
        count = 0;
        nonFinite = 0;
    }

    @Override
    public void add(float v) {
        if (!Float.isFinite(v)) {
            nonFinite++;
        }
        if (count == values.length) {
            values = Arrays.copyOf(values, 2 * count);
        }
        values[count++] = v;
    }

    int nonFinite() {
        return nonFinite;
    }

    /** The samples as an array of their own length (what a metric is handed). */
    float[] values() {
        return count == values.length ? values : Arrays.copyOf(values, count);
    }
}
