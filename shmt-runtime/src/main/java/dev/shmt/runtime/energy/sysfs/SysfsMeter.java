package dev.shmt.runtime.energy.sysfs;

import dev.shmt.runtime.spi.EnergyChannel;
import dev.shmt.runtime.spi.EnergyMeter;
import java.util.List;

/** A meter over sysfs files: its channels keep their files open, and a meter that does not work keeps none. */
abstract class SysfsMeter implements EnergyMeter {
    /** A channel reading files it keeps open. */
    interface FileChannel extends EnergyChannel {
        void close();
    }

    /** The channels a meter found, and why they do not work (null when they do). */
    record Found<C extends FileChannel>(List<C> channels, String why) {}

    private final List<EnergyChannel> channels;
    private final String unavailable;

    /** @param why null when {@code found} all read; else why not, and then their files are closed */
    SysfsMeter(List<? extends FileChannel> found, String why) {
        this.unavailable = why;
        if (why != null) {
            found.forEach(FileChannel::close);
        }
        this.channels = why == null ? List.copyOf(found) : List.of();
    }

    @Override
    public final String unavailable() {
        return unavailable;
    }

    @Override
    public final List<EnergyChannel> channels() {
        return channels;
    }

    @Override
    public final void close() {
        for (EnergyChannel c : channels) {
            ((FileChannel) c).close();
        }
    }
}
