package dev.shmt.runtime.energy.sysfs;

import com.google.auto.service.AutoService;
import dev.shmt.runtime.spi.Device;
import dev.shmt.runtime.spi.EnergyMeter;
import dev.shmt.runtime.spi.EnergyMeterProvider;
import java.util.List;

/** The INA3221 rails on every machine: where there are none (not a Jetson), the meter says why. */
@AutoService(EnergyMeterProvider.class)
public final class Ina3221MeterProvider implements EnergyMeterProvider {
    @Override
    public List<EnergyMeter> meters(List<Device> devices) {
        return List.of(new Ina3221Meter());
    }
}
