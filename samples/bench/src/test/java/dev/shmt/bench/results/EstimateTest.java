package dev.shmt.bench.results;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EstimateTest {
    @Test
    void theMedianSitsInsideItsIntervalAndTheSameRoundsGiveTheSameInterval() {
        double[] rounds = {1.10, 1.31, 1.25, 1.28, 1.30, 0.95, 1.27, 1.29, 1.26, 1.33};
        Estimate e = Estimate.of(rounds, 7);
        assertThat(e.median()).isWithin(1e-12).of(1.275);
        assertThat(e.low()).isAtMost(e.median());
        assertThat(e.high()).isAtLeast(e.median());
        assertThat(e.low()).isAtLeast(0.95);
        assertThat(e.high()).isAtMost(1.33);
        assertThat(e.rounds()).isEqualTo(10);
        assertThat(Estimate.of(rounds, 7)).isEqualTo(e);
    }

    @Test
    void identicalRoundsHaveNoSpreadAndNoRoundsNoEstimate() {
        Estimate e = Estimate.of(new double[] {2, 2, 2, 2}, 1);
        assertThat(e.low()).isEqualTo(2.0);
        assertThat(e.high()).isEqualTo(2.0);
        assertThat(Estimate.of(new double[0], 1).present()).isFalse();
    }

    @Test
    void aWideSpreadGivesAWiderIntervalThanANarrowOne() {
        Estimate narrow = Estimate.of(new double[] {1.00, 1.01, 0.99, 1.00, 1.02, 0.98, 1.00, 1.01}, 3);
        Estimate wide = Estimate.of(new double[] {1.00, 1.30, 0.70, 1.00, 1.40, 0.60, 1.00, 1.20}, 3);
        assertThat(wide.high() - wide.low()).isGreaterThan(5 * (narrow.high() - narrow.low()));
    }

    @Test
    void steadyOnceTheLastThreeRoundsMatchTheThreeBeforeWithinThreePercent() {
        List<Double> t = new ArrayList<>(List.of(100.0, 90.0, 80.0, 70.0, 60.0));
        assertThat(SteadyState.reached(t)).isFalse(); // fewer than six rounds
        t.add(55.0);
        assertThat(SteadyState.reached(t)).isFalse(); // 55 vs 80: still getting faster
        t.addAll(List.of(50.0, 50.5, 90.0)); // one slow round among three does not count
        t.addAll(List.of(50.2, 49.9, 50.1));
        assertThat(SteadyState.reached(t)).isTrue();
        t.addAll(List.of(45.0, 46.0, 47.0));
        assertThat(SteadyState.reached(t)).isFalse(); // 46 vs 50.1: 8% apart
    }
}
