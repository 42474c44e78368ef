package dev.shmt.runtime.energy;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The joules between two counter reads, with and without a wrap in between. */
class CounterDeltaTest {
    @Test
    void withoutAWrapItIsTheDifference() {
        assertThat(CounterDelta.delta(100.5, 130.25, 262_143.0)).isEqualTo(29.75);
        assertThat(CounterDelta.delta(7, 7, Double.POSITIVE_INFINITY)).isEqualTo(0.0);
    }

    @Test
    void aWrapDuringTheWindowAddsTheCounterRange() {
        // Read 10 J before the wrap at 262,143 J, 5 J after it: 15 J went by.
        double wrap = 262_143.0;
        assertThat(CounterDelta.delta(wrap - 10, 5, wrap)).isWithin(1e-9).of(15.0);
    }

    @Test
    void aCounterThatWentBackWithoutAWrapIsUnknown() {
        assertThat(CounterDelta.delta(50, 10, Double.POSITIVE_INFINITY)).isNaN();
    }

    @Test
    void aRangeThatIsNotPositiveIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CounterDelta.delta(1, 2, 0));
        assertThat(e).hasMessageThat().contains("wrapJoules");
        assertThrows(IllegalArgumentException.class, () -> CounterDelta.delta(1, 2, Double.NaN));
    }
}
