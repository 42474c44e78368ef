package dev.shmt.runtime.energy;

import dev.shmt.runtime.spi.Device;
import dev.shmt.runtime.spi.EnergyMeter;
import dev.shmt.runtime.spi.EnergyMeterProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Finds this machine's energy meters through {@link ServiceLoader}; a provider that breaks is logged, never fatal. */
public final class Meters {
    private static final System.Logger LOG = System.getLogger(Meters.class.getName());

    private Meters() {}

    /** Every provider's meters, then the external meter and the devices' models. */
    public static List<EnergyMeter> discover(List<Device> devices) {
        List<EnergyMeter> out = new ArrayList<>();
        Iterator<EnergyMeterProvider> it = ServiceLoader.load(EnergyMeterProvider.class, Meters.class.getClassLoader())
                .iterator();
        while (true) {
            EnergyMeterProvider p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "an energy meter provider could not be loaded", e);
                continue;
            }
            try {
                out.addAll(p.meters(devices));
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "energy meter provider " + p.getClass().getName() + " failed", e);
            }
        }
        out.add(new ExternalMeter());
        out.add(new ModelMeter(devices));
        return out;
    }
}
