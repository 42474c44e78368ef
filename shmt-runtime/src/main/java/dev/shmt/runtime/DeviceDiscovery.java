package dev.shmt.runtime;

import dev.shmt.runtime.spi.Device;
import dev.shmt.runtime.spi.DeviceConfig;
import dev.shmt.runtime.spi.DeviceProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Finds devices through {@link ServiceLoader}; a provider that breaks is logged, never fatal. */
final class DeviceDiscovery {
    private static final System.Logger LOG = System.getLogger(DeviceDiscovery.class.getName());

    private DeviceDiscovery() {}

    static List<Device> discover(DeviceConfig config) {
        List<Device> out = new ArrayList<>();
        Iterator<DeviceProvider> it = ServiceLoader.load(DeviceProvider.class, DeviceDiscovery.class.getClassLoader())
                .iterator();
        while (true) {
            DeviceProvider p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                // A device module whose classes cannot even load: report it and keep the others.
                LOG.log(System.Logger.Level.WARNING, "a device provider could not be loaded", e);
                continue;
            }
            try {
                out.addAll(p.devices(config));
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "device provider " + p.getClass().getName() + " failed", e);
            }
        }
        return out;
    }
}
