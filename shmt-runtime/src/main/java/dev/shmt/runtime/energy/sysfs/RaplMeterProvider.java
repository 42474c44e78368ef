package dev.shmt.runtime.energy.sysfs;

import com.google.auto.service.AutoService;
import dev.shmt.runtime.spi.Device;
import dev.shmt.runtime.spi.EnergyMeter;
import dev.shmt.runtime.spi.EnergyMeterProvider;
import java.util.List;

/** RAPL on every machine: where there is none, the meter says why. */
@AutoService(EnergyMeterProvider.class)
public final class RaplMeterProvider implements EnergyMeterProvider {
    @Override
    public List<EnergyMeter> meters(List<Device> devices) {
        return List.of(new RaplMeter());
    }
}
