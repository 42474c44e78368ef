package dev.shmt.runtime.spi;

/**
 * Settings a runtime passes to every {@link DeviceProvider}.
 *
 * @param cpuThreads worker threads for the CPU device
 */
public record DeviceConfig(int cpuThreads) {
    public DeviceConfig {
        if (cpuThreads < 1) {
            throw new IllegalArgumentException("cpuThreads must be >= 1, got " + cpuThreads);
        }
    }
}
