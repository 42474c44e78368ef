package dev.shmt.gpu.energy;

import com.google.auto.service.AutoService;
import dev.shmt.runtime.spi.Device;
import dev.shmt.runtime.spi.EnergyMeter;
import dev.shmt.runtime.spi.EnergyMeterProvider;
import java.util.List;

/** The NVML meter, available or with the reason it is not. */
@AutoService(EnergyMeterProvider.class)
public final class NvmlMeterProvider implements EnergyMeterProvider {
    @Override
    public List<EnergyMeter> meters(List<Device> devices) {
        return List.of(new NvmlMeter());
    }
}
