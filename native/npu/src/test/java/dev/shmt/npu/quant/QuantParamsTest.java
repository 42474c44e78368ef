package dev.shmt.npu.quant;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuantParamsTest {
    @Test
    void roundTripIsWithinHalfAStepInsideTheRange() {
        ValueRange range = new ValueRange(-3.5f, 11f);
        QuantParams q = QuantParams.int8(range);
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            float v = (float) (range.min() + rnd.nextDouble() * range.width());
            int code = q.quantize(v);
            assertThat(code).isIn(com.google.common.collect.Range.closed(-128, 127));
            // Half a step, plus float rounding of v * (1 / scale) near a tie.
            assertThat((double) Math.abs(q.dequantize(code) - v)).isAtMost(q.scale() * 0.5 + 1e-6);
        }
    }

    @Test
    void rangeEndsAndZeroAreExactCodes() {
        QuantParams q = QuantParams.int8(new ValueRange(-1f, 3f));
        assertThat(q.dequantize(q.quantize(0f))).isEqualTo(0f);
        assertThat(q.quantize(-1f)).isEqualTo(-128);
        assertThat(q.quantize(3f)).isEqualTo(127);
        assertThat(q.scale()).isWithin(1e-9f).of(4f / 255);
    }

    @Test
    void valuesPastTheRangeSaturateInsteadOfWrapping() {
        QuantParams q = QuantParams.int8(new ValueRange(0f, 1f));
        // One step past the top: a "% 256" truncation would wrap this to the bottom of the range.
        assertThat(q.quantize(1f + 2 * q.scale())).isEqualTo(127);
        assertThat(q.quantize(1e9f)).isEqualTo(127);
        assertThat(q.quantize(-1e9f)).isEqualTo(-128);
        assertThat(q.quantize(Float.NaN)).isEqualTo(q.zeroPoint());
    }

    @Test
    void rangesWidenToHoldZeroAndSymmetricScalesUseZeroPointZero() {
        QuantParams positive = QuantParams.int8(new ValueRange(2f, 4f));
        assertThat(positive.quantize(0f)).isEqualTo(-128); // the range became [0, 4]
        assertThat(positive.range().max()).isWithin(1e-6f).of(4f);
        QuantParams w = QuantParams.symmetric(0.5f);
        assertThat(w.zeroPoint()).isEqualTo(0);
        assertThat(w.quantize(0.5f)).isEqualTo(127);
        assertThat(w.quantize(-0.5f)).isEqualTo(-127);
    }

    @Test
    void calibrationSkipsNonFiniteValues() {
        ValueRange r = ValueRange.of(new float[] {Float.NaN, -2f, Float.POSITIVE_INFINITY, 5f, Float.NEGATIVE_INFINITY});
        assertThat(r).isEqualTo(new ValueRange(-2f, 5f));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ValueRange.of(new float[] {Float.NaN}));
        assertThat(e).hasMessageThat().isEqualTo("no finite values to calibrate from");
        e = assertThrows(IllegalArgumentException.class, () -> new ValueRange(1f, 0f));
        assertThat(e).hasMessageThat().isEqualTo("range min 1.0 is above max 0.0");
    }
}
