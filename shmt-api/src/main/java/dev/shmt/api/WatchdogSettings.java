package dev.shmt.api;

import java.time.Duration;
import java.util.Objects;

/**
 * When the watchdog treats a running HLOP as hung: after {@code factor} times the time its device
 * usually takes for that many cells of that VOP, but never before {@code minimum}; before the device
 * has finished any HLOP of the VOP, after {@code firstRun}. A hung HLOP is re-run on another device and
 * its device is quarantined. Given to {@link Shmt.Builder#watchdog}.
 */
public record WatchdogSettings(boolean enabled, double factor, Duration minimum, Duration firstRun) {
    /**
     * Defaults: 20 times the usual time, at least 2 s, and 60 s for a device's first HLOP of a VOP (that
     * one may include building models or compiling kernels).
     */
    public static final WatchdogSettings DEFAULTS = new WatchdogSettings(true, 20, Duration.ofSeconds(2),
            Duration.ofSeconds(60));
    /** No watchdog: a hung device hangs its calls. */
    public static final WatchdogSettings OFF = new WatchdogSettings(false, 1, Duration.ofSeconds(1),
            Duration.ofSeconds(1));

    public WatchdogSettings {
        Objects.requireNonNull(minimum, "minimum");
        Objects.requireNonNull(firstRun, "firstRun");
        if (!(factor >= 1) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("watchdog factor must be a finite number >= 1, got " + factor);
        }
        if (minimum.isNegative() || minimum.isZero()) {
            throw new IllegalArgumentException("watchdog minimum must be positive, got " + minimum);
        }
        if (firstRun.compareTo(minimum) < 0) {
            throw new IllegalArgumentException("watchdog firstRun (" + firstRun + ") must be at least the minimum ("
                    + minimum + ")");
        }
    }

    /** An enabled watchdog with these limits. */
    public static WatchdogSettings of(double factor, Duration minimum, Duration firstRun) {
        return new WatchdogSettings(true, factor, minimum, firstRun);
    }

    /** The longest an HLOP may run when its device usually takes {@code expectedNanos} (negative: unknown). */
    public long limitNanos(double expectedNanos) {
        if (expectedNanos < 0) {
            return firstRun.toNanos();
        }
        return (long) Math.max(minimum.toNanos(), Math.min(factor * expectedNanos, Long.MAX_VALUE / 2.0));
    }
}
