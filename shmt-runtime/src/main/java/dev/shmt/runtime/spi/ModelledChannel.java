package dev.shmt.runtime.spi;

import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * A channel no meter reads: its joules computed from figures (a datasheet, a profile) and the time a
 * device was busy, and labelled modelled wherever they appear.
 *
 * @param device the runtime device it models; null for none (an emulated platform's idle power)
 * @param outsideSystem whether a system channel would miss it (an Edge TPU on USB or M.2)
 * @param model how, in words, for reports ("Edge TPU datasheet, 2 W while it runs HLOPs")
 * @param activeWatts the power it gives the device while busy; NaN when it models none
 * @param idleWatts the idle power it assumes; NaN when it models none
 * @param cumulativeJoules its joules since an arbitrary origin
 */
public record ModelledChannel(String name, String device, Scope scope, boolean outsideSystem, String note, String model,
                              double activeWatts, double idleWatts, DoubleSupplier cumulativeJoules)
        implements EnergyChannel {
    public ModelledChannel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(cumulativeJoules, "cumulativeJoules");
        note = note == null ? "" : note;
    }

    @Override
    public Method method() {
        return Method.MODELLED;
    }

    @Override
    public double joules() {
        return cumulativeJoules.getAsDouble();
    }

    @Override
    public double modelledActiveWatts() {
        return activeWatts;
    }

    @Override
    public double modelledIdleWatts() {
        return idleWatts;
    }
}
