package dev.shmt.bench.calls;

import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.api.VopCall;
import java.util.ArrayList;
import java.util.List;

/** A runtime that keeps every call it runs with its report: what an app's run asked of the devices. */
public final class CallLog extends ForwardingShmt {
    public record Entry(VopCall call, Report report) {}

    public final List<Entry> entries = new ArrayList<>();

    public CallLog(Shmt runtime) {
        super(runtime);
    }

    @Override
    public Report execute(VopCall call) {
        Report r = runtime.execute(call);
        entries.add(new Entry(call, r));
        return r;
    }
}
