package dev.shmt.bench.calls;

import dev.shmt.api.DeviceInfo;
import dev.shmt.api.EnergyMeters;
import dev.shmt.api.Region;
import dev.shmt.api.Shmt;
import dev.shmt.api.VopCall;
import java.util.List;

/** A runtime that hands everything to another; subclasses watch {@link Shmt#execute}. */
public abstract class ForwardingShmt implements Shmt {
    protected final Shmt runtime;

    protected ForwardingShmt(Shmt runtime) {
        this.runtime = runtime;
    }

    @Override
    public List<Region> partition(VopCall call) {
        return runtime.partition(call);
    }

    @Override
    public List<DeviceInfo> devices() {
        return runtime.devices();
    }

    @Override
    public String policy() {
        return runtime.policy();
    }

    @Override
    public EnergyMeters energy() {
        return runtime.energy();
    }

    @Override
    public boolean isClosed() {
        return runtime.isClosed();
    }

    @Override
    public void close() {
        runtime.close();
    }
}
