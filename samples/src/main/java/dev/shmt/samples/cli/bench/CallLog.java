package dev.shmt.samples.cli.bench;

import dev.shmt.api.DeviceInfo;
import dev.shmt.api.Region;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.api.VopCall;
import java.util.ArrayList;
import java.util.List;

/** A runtime that keeps every call it runs with its report: what an app's run asked of the devices. */
public final class CallLog implements Shmt {
    public record Entry(VopCall call, Report report) {}

    private final Shmt runtime;
    public final List<Entry> entries = new ArrayList<>();

    public CallLog(Shmt runtime) {
        this.runtime = runtime;
    }

    @Override
    public Report execute(VopCall call) {
        Report r = runtime.execute(call);
        entries.add(new Entry(call, r));
        return r;
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
    public boolean isClosed() {
        return runtime.isClosed();
    }

    @Override
    public void close() {
        runtime.close();
    }
}
