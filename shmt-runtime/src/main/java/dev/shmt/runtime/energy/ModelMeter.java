package dev.shmt.runtime.energy;

import dev.shmt.runtime.spi.Device;
import dev.shmt.runtime.spi.EnergyChannel;
import dev.shmt.runtime.spi.EnergyMeter;
import java.util.ArrayList;
import java.util.List;

/**
 * The devices no meter covers, modelled from their figures ({@link Device#energyModel()}): an Edge TPU
 * from its datasheet, an emulated device from its profile. Every figure it gives is labelled modelled.
 */
public final class ModelMeter implements EnergyMeter {
    private final List<EnergyChannel> channels = new ArrayList<>();

    public ModelMeter(List<Device> devices) {
        for (Device d : devices) {
            if (d.status().isAvailable() && d.energyModel() != null) {
                channels.add(d.energyModel());
            }
        }
    }

    @Override
    public String name() {
        return "model";
    }

    @Override
    public String unavailable() {
        return channels.isEmpty() ? "no device here has a power model (an Edge TPU has one: 2 W at 4 TOPS from its"
                + " datasheet; so do emulated devices)" : null;
    }

    @Override
    public List<EnergyChannel> channels() {
        return channels;
    }
}
