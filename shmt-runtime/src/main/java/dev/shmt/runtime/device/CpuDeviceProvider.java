package dev.shmt.runtime.device;

import com.google.auto.service.AutoService;
import dev.shmt.runtime.spi.Device;
import dev.shmt.runtime.spi.DeviceConfig;
import dev.shmt.runtime.spi.DeviceProvider;
import java.util.List;

/** The CPU is always there. */
@AutoService(DeviceProvider.class)
public final class CpuDeviceProvider implements DeviceProvider {
    @Override
    public List<Device> devices(DeviceConfig config) {
        return List.of(new CpuDevice(config.cpuThreads()));
    }
}
