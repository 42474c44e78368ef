package dev.shmt.api;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether a runtime measures energy, and how: given to {@link Shmt.Builder#energy}. With energy on, the
 * runtime opens every energy meter it finds (RAPL, NVML, INA3221 rails, an external meter, device models),
 * and every call's {@link Report#energy()} carries the joules each meter saw during the call. Meters that
 * give power instead of energy are read every {@code interval} on one sampling thread, shared by every
 * runtime of the process; with energy off there is no such thread and nothing is read.
 *
 * @param enabled whether to measure at all
 * @param interval how often power meters are sampled (energy counters are read at each window's ends)
 * @param idleBaseline when positive, the runtime measures idle power this long when it is built, before
 *     any call, so that reports give energy above idle too
 * @param idle an idle baseline measured already (by another runtime on this machine); null for none
 */
public record EnergySettings(boolean enabled, Duration interval, Duration idleBaseline, IdlePower idle) {
    /** The default sampling interval of power meters. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(10);
    /** No energy measured, no meter opened, no sampling thread: the default. */
    public static final EnergySettings OFF = new EnergySettings(false, DEFAULT_INTERVAL, Duration.ZERO, null);
    /** Energy measured with every meter found, power sampled every 10 ms, no idle baseline. */
    public static final EnergySettings ON = new EnergySettings(true, DEFAULT_INTERVAL, Duration.ZERO, null);

    public EnergySettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(idleBaseline, "idleBaseline");
        if (interval.toNanos() < 1_000_000 || interval.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("energy interval: expected 1 ms to 10 s, got " + interval);
        }
        if (idleBaseline.isNegative() || idleBaseline.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("energy idleBaseline: expected 0 to 5 minutes, got " + idleBaseline);
        }
    }

    /** These settings with power sampled every {@code interval} (1 ms to 10 s). */
    public EnergySettings withInterval(Duration interval) {
        return new EnergySettings(enabled, interval, idleBaseline, idle);
    }

    /** These settings with idle power measured for {@code duration} when the runtime is built. */
    public EnergySettings withIdleBaseline(Duration duration) {
        return new EnergySettings(enabled, interval, duration, idle);
    }

    /** These settings with an idle baseline measured already, instead of measuring one. */
    public EnergySettings withIdle(IdlePower idle) {
        return new EnergySettings(enabled, interval, Duration.ZERO, Objects.requireNonNull(idle, "idle"));
    }
}
