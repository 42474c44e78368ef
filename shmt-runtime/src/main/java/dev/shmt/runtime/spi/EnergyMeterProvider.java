package dev.shmt.runtime.spi;

import java.util.List;

/**
 * Found with {@link java.util.ServiceLoader} (register with {@code @AutoService(EnergyMeterProvider.class)});
 * called when a runtime with energy on is built.
 */
public interface EnergyMeterProvider {
    /** @param devices the runtime's devices (a meter may attach a channel to one by name) */
    List<EnergyMeter> meters(List<Device> devices);
}
