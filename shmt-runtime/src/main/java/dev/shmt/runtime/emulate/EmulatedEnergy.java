package dev.shmt.runtime.emulate;

import dev.shmt.runtime.spi.Device;
import dev.shmt.runtime.spi.EnergyChannel;
import dev.shmt.runtime.spi.EnergyMeter;
import dev.shmt.runtime.spi.ModelledChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one meter of an emulated runtime, all modelled: the platform's idle power over the elapsed time
 * (divided by the dilation, so in emulated time), and each emulated device's energy above idle
 * ({@link EmulatedDevice#energyModel()}). Their sum is the platform's energy; this machine's own meters
 * are not read, since they see this machine, not the emulated one.
 */
final class EmulatedEnergy implements EnergyMeter {
    private final Profile profile;
    private final String unavailable;
    private final List<EnergyChannel> channels = new ArrayList<>();

    EmulatedEnergy(Profile profile, double dilation, List<Device> devices) {
        this.profile = profile;
        if (Double.isNaN(profile.platformIdleWatts())) {
            unavailable = "profile " + profile.name() + " gives no power figures (platform_idle_w, and each device's"
                    + " power: idle_w, active_w)";
            return;
        }
        unavailable = null;
        channels.add(platform(profile, dilation));
        for (Device d : devices) {
            if (d.energyModel() != null) {
                channels.add(d.energyModel());
            }
        }
    }

    private static EnergyChannel platform(Profile profile, double dilation) {
        long origin = System.nanoTime();
        double watts = profile.platformIdleWatts();
        String model = String.format(Locale.ROOT, "profile %s: the platform's %.3g W idle over the emulated time",
                profile.name(), watts);
        return new ModelledChannel("platform-idle", null, EnergyChannel.Scope.COMPONENT, false, "", model, Double.NaN,
                watts, () -> watts * (System.nanoTime() - origin) / dilation / 1e9);
    }

    @Override
    public String name() {
        return "emulated";
    }

    @Override
    public String detail() {
        return "profile " + profile.name();
    }

    @Override
    public String unavailable() {
        return unavailable;
    }

    @Override
    public List<EnergyChannel> channels() {
        return channels;
    }
}
