package dev.shmt.runtime.spi;

import java.util.List;

/**
 * Found with {@link java.util.ServiceLoader}; each device module registers one (with
 * {@code @AutoService(DeviceProvider.class)}). A provider whose hardware or native library is missing
 * still returns its device, unavailable with the cause, so users can see why.
 */
public interface DeviceProvider {
    List<Device> devices(DeviceConfig config);
}
