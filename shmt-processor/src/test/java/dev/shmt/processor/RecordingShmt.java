package dev.shmt.processor;

import dev.shmt.api.DeviceInfo;
import dev.shmt.api.Region;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.api.VopCall;
import java.util.List;

/** A runtime that remembers every call it was given and passes it on: shows what generated code built. */
final class RecordingShmt implements Shmt {
    private final Shmt delegate;
    private final List<VopCall> calls;

    RecordingShmt(Shmt delegate, List<VopCall> calls) {
        this.delegate = delegate;
        this.calls = calls;
    }

    @Override
    public Report execute(VopCall call) {
        calls.add(call);
        return delegate.execute(call);
    }

    @Override
    public List<Region> partition(VopCall call) {
        return delegate.partition(call);
    }

    @Override
    public List<DeviceInfo> devices() {
        return delegate.devices();
    }

    @Override
    public String policy() {
        return delegate.policy();
    }

    @Override
    public boolean isClosed() {
        return delegate.isClosed();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
