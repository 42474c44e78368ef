package dev.shmt.runtime.energy;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** The integral of sampled power, at instants before, between and after its samples. */
class PowerIntegralTest {
    private static final long MS = 1_000_000;

    @Test
    void theIntegralAtAnInstantTheSamplerHasPassedIsTheIntegralAtThatInstant() {
        PowerIntegral p = new PowerIntegral();
        // Power rising linearly 10 W per 10 ms from 0 W: 1000 W/s, sampled every 10 ms.
        for (int k = 0; k <= 10; k++) {
            p.add(k * 10 * MS, k * 10.0);
        }
        // The exact integral of 1000 t from 0 to t is 500 t^2; trapezoids are exact for a linear power.
        assertThat(p.at(100 * MS).joules()).isWithin(1e-12).of(500 * 0.1 * 0.1);
        assertThat(p.at(37 * MS).joules()).isWithin(1e-12).of(500 * 0.037 * 0.037);
        assertThat(p.at(37 * MS).samples()).isEqualTo(4); // the samples at 0, 10, 20 and 30 ms
        // Past the last sample its power is held: 100 W.
        assertThat(p.at(110 * MS).joules()).isWithin(1e-12).of(5.0 + 100 * 0.01);
    }

    @Test
    void olderThanTheKeptSamplesTheOldestKeptIsTheAnswer_andOutOfOrderSamplesAreDropped() {
        PowerIntegral p = new PowerIntegral();
        for (int k = 0; k < PowerIntegral.KEPT + 10; k++) {
            p.add(k * MS, 1.0);
        }
        assertThat(p.at(0).joules()).isWithin(1e-12).of(10 * 1e-3);
        p.add(5 * MS, 50.0);
        assertThat(p.at((PowerIntegral.KEPT + 20) * MS).joules()).isWithin(1e-12).of((PowerIntegral.KEPT + 20) * 1e-3);
    }
}
