package dev.shmt.runtime.spi;

import java.util.Objects;

/**
 * Settings a runtime passes to every {@link DeviceProvider}.
 *
 * @param cpuThreads worker threads for the CPU device
 * @param grants which devices this process may open; a provider lists the others unavailable with
 *     {@link DeviceGrants#refusal} as the cause, without opening them
 */
public record DeviceConfig(int cpuThreads, DeviceGrants grants) {
    public DeviceConfig {
        if (cpuThreads < 1) {
            throw new IllegalArgumentException("cpuThreads must be >= 1, got " + cpuThreads);
        }
        Objects.requireNonNull(grants, "grants");
    }

    /** Every device may open. */
    public DeviceConfig(int cpuThreads) {
        this(cpuThreads, DeviceGrants.ALL);
    }
}
