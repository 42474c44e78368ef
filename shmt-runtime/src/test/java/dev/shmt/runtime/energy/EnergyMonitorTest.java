package dev.shmt.runtime.energy;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.Energy;
import dev.shmt.api.EnergyMeters;
import dev.shmt.api.EnergySettings;
import dev.shmt.api.IdlePower;
import dev.shmt.runtime.spi.EnergyChannel.Scope;
import dev.shmt.runtime.spi.EnergyMeter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The monitor's arithmetic on stand-in channels whose values are known: counters, wraps, sampled power, totals. */
class EnergyMonitorTest {
    private static final EnergySettings ON = EnergySettings.ON;

    private static EnergyMonitor monitor(EnergyMeter... meters) {
        return new EnergyMonitor(ON, List.of(meters), "test-energy-sampler");
    }

    private static StandInChannel queued(String name, Scope scope, boolean outside, double wrap, double... values) {
        Deque<Double> q = new ArrayDeque<>();
        for (double v : values) {
            q.add(v);
        }
        return StandInChannel.counter(name, scope, outside, n -> q.size() > 1 ? q.poll() : q.peek(), wrap);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aCounterThatWrapsDuringTheWindowCountsTheWrap() {
        try (EnergyMonitor m = monitor(StandInChannel.meter("rapl", queued("package-0", Scope.COMPONENT, false, 262.0,
                261.5, 1.25)))) {
            Energy e = m.start().stop();
            Energy.Reading r = e.reading("rapl:package-0");
            assertThat(r.joules()).isWithin(1e-12).of(262.0 - 261.5 + 1.25);
            assertThat(r.errorJoules()).isEqualTo(2e-6);
            assertThat(r.method()).isEqualTo("counter");
            assertThat(e.totalJoules()).isWithin(1e-12).of(1.75);
        }
    }

    @Test
    void aCounterThatGoesBackwardsWithoutAWrapIsLeftOutAndSaysWhy() {
        try (EnergyMonitor m = monitor(StandInChannel.meter("x", queued("c", Scope.COMPONENT, false,
                Double.POSITIVE_INFINITY, 5, 3)))) {
            Energy e = m.start().stop();
            assertThat(e.readings()).isEmpty();
            assertThat(e.unavailable()).contains("x:c: the counter went backwards");
        }
    }

    @Test
    void constantPowerIntegratesToWattsTimesTheWindowExactly() {
        try (EnergyMonitor m = monitor(StandInChannel.meter("ina3221", StandInChannel.power("VDD_IN", Scope.SYSTEM,
                t -> 40.0)))) {
            EnergyMeters.Window w = m.start();
            sleep(120);
            Energy e = w.stop();
            Energy.Reading r = e.reading("ina3221:VDD_IN");
            assertThat(r.joules()).isWithin(1e-9).of(40.0 * e.windowNanos() / 1e9);
            assertThat(r.errorJoules()).isEqualTo(0.0); // constant power: no variation, no step
            assertThat(r.method()).startsWith("sampled every 10 ms (");
            assertThat(e.meanWatts()).isWithin(1e-6).of(40.0);
        }
    }

    @Test
    void aPowerStepIsIntegratedWithinTheErrorTheMethodStates() {
        long start = System.nanoTime();
        long step = start + 80_000_000L;
        try (EnergyMonitor m = monitor(StandInChannel.meter("ext", StandInChannel.power("meter", Scope.WALL,
                t -> t < step ? 10.0 : 30.0)))) {
            long before = System.nanoTime();
            EnergyMeters.Window w = m.start();
            sleep(200);
            Energy e = w.stop();
            long end = before + e.windowNanos();
            double truth = 10.0 * (step - before) / 1e9 + 30.0 * (end - step) / 1e9;
            Energy.Reading r = e.reading("ext:meter");
            assertThat(r.errorJoules()).isGreaterThan(0.0);
            // The test's own clock reads are microseconds off the window's: 30 W x 1 ms at most.
            assertThat(Math.abs(r.joules() - truth)).isAtMost(r.errorJoules() + 0.03);
        }
    }

    @Test
    void theTotalIsTheWallMeterWhenThereIsOne() {
        try (EnergyMonitor m = monitor(
                StandInChannel.meter("rapl", queued("package-0", Scope.COMPONENT, false, 1e9, 0, 4),
                        queued("psys", Scope.SYSTEM, false, 1e9, 0, 9)),
                StandInChannel.meter("external", queued("meter", Scope.WALL, false, 1e9, 0, 12)))) {
            Energy e = m.start().stop();
            assertThat(e.totalJoules()).isEqualTo(12.0);
            assertThat(e.totalFrom()).isEqualTo("external:meter");
        }
    }

    @Test
    void withoutAWallMeterTheSystemChannelAddsTheComponentsItDoesNotCover_andNothingWithin() {
        try (EnergyMonitor m = monitor(
                StandInChannel.meter("ina3221", queued("VDD_IN", Scope.SYSTEM, false, 1e9, 0, 5),
                        queued("POM_5V_GPU", Scope.WITHIN, false, 1e9, 0, 2)),
                StandInChannel.meter("model", queued("edgetpu", Scope.COMPONENT, true, 1e9, 0, 0.5)))) {
            Energy e = m.start().stop();
            assertThat(e.totalJoules()).isEqualTo(5.5);
            assertThat(e.totalFrom()).isEqualTo("ina3221:VDD_IN + model:edgetpu");
        }
    }

    @Test
    void withOnlyComponentsTheTotalIsTheirSum() {
        try (EnergyMonitor m = monitor(StandInChannel.meter("rapl",
                queued("package-0", Scope.COMPONENT, false, 1e9, 0, 4),
                queued("package-0/core", Scope.WITHIN, false, 1e9, 0, 3),
                queued("dram", Scope.COMPONENT, false, 1e9, 0, 1)))) {
            Energy e = m.start().stop();
            assertThat(e.totalJoules()).isEqualTo(5.0);
            assertThat(e.totalErrorJoules()).isWithin(1e-15).of(4e-6);
        }
    }

    @Test
    void withNoWorkingMeterEveryWindowSaysWhyOnce() {
        try (EnergyMonitor m = monitor(StandInChannel.missing("rapl", "no powercap tree"),
                StandInChannel.missing("nvml", "no libnvidia-ml.so.1"))) {
            Energy e = m.start().stop();
            assertThat(e.measured()).isFalse();
            assertThat(e.unavailable()).isEqualTo("no energy meter works here: rapl: no powercap tree; nvml: no"
                    + " libnvidia-ml.so.1");
            assertThat(m.samplerThread()).isNull();
            assertThat(m.meters()).hasSize(2);
        }
    }

    @Test
    void aChannelThatFailsToReadIsLeftOutAndNamed_theOthersStillCount() {
        try (EnergyMonitor m = monitor(StandInChannel.meter("rapl",
                StandInChannel.counter("dram", Scope.COMPONENT, false, n -> {
                    throw new IOException("Permission denied");
                }, 1e9), queued("package-0", Scope.COMPONENT, false, 1e9, 0, 4)))) {
            Energy e = m.start().stop();
            assertThat(e.totalJoules()).isEqualTo(4.0);
            assertThat(e.unavailable()).contains("rapl:dram: Permission denied");
        }
    }

    @Test
    void onlyPowerChannelsStartASamplingThread_andCloseStopsIt() throws Exception {
        try (EnergyMonitor m = monitor(StandInChannel.meter("rapl", queued("package-0", Scope.COMPONENT, false, 1e9, 0)))) {
            assertThat(m.samplerThread()).isNull();
            assertThat(m.samplerCpuNanos()).isEqualTo(0);
        }
        EnergyMonitor m = monitor(StandInChannel.meter("ext", StandInChannel.power("meter", Scope.WALL, t -> 1.0)));
        assertThat(threadAlive("test-energy-sampler")).isTrue();
        m.close();
        assertThat(threadAlive("test-energy-sampler")).isFalse();
    }

    @Test
    void runtimesSamplingAtOneIntervalShareOneThread_theLastToCloseStopsIt() {
        EnergyMonitor a = monitor(StandInChannel.meter("ext", StandInChannel.power("meter", Scope.WALL, t -> 1.0)));
        EnergyMonitor b = monitor(StandInChannel.meter("ext", StandInChannel.power("meter", Scope.WALL, t -> 2.0)));
        assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("test-energy-sampler") && t.isAlive()).count()).isEqualTo(1);
        a.close();
        assertThat(threadAlive("test-energy-sampler")).isTrue();
        Energy e = b.start().stop();
        assertThat(e.meanWatts()).isWithin(1e-9).of(2.0); // b's channel is still sampled
        b.close();
        assertThat(threadAlive("test-energy-sampler")).isFalse();
    }

    @Test
    void theIdleBaselineGivesEnergyAboveIdle() {
        try (EnergyMonitor m = monitor(StandInChannel.meter("ext", StandInChannel.power("meter", Scope.WALL,
                t -> 3.0)))) {
            IdlePower idle = m.measureIdle(Duration.ofMillis(50));
            assertThat(idle.totalWatts()).isWithin(1e-9).of(3.0);
            assertThat(idle.of("ext:meter")).isWithin(1e-9).of(3.0);
            Energy e = m.start().stop();
            assertThat(e.aboveIdleJoules()).isWithin(1e-9).of(0.0);
            assertThrows(IllegalArgumentException.class, () -> m.measureIdle(Duration.ZERO));
        }
    }

    static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }
}
