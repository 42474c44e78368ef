package dev.shmt.runtime.spi;

import java.util.List;

/**
 * A source of energy figures, found like devices: each module registers an {@link EnergyMeterProvider}.
 * A meter whose hardware, driver or permission is missing is still returned, unavailable with the
 * cause, so that users see why nothing is measured.
 */
public interface EnergyMeter extends AutoCloseable {
    /** Short name: {@code rapl}, {@code nvml}, {@code ina3221}, {@code external}, {@code model}. */
    String name();

    /** Where it reads and what, for listings ({@code /sys/class/powercap, 3 zones}). */
    default String detail() {
        return "";
    }

    /** Null when it works; else why not, and how to allow it where that is possible. */
    String unavailable();

    /** Its channels; empty when it is unavailable. */
    List<EnergyChannel> channels();

    /** Releases what it opened (a library, a process). */
    @Override
    default void close() {}
}
