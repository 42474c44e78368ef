package dev.shmt.samples.cli.bench;

import dev.shmt.api.DeviceInfo;
import dev.shmt.api.Region;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.api.VopCall;
import java.util.List;

/**
 * A runtime that clocks the time its callers spend inside VOP calls, so that a run's time splits into
 * device work (what co-execution shares and emulation dilates) and host work between calls. The bench
 * runs apps on the calling thread, one at a time: one clock for the whole bench suffices.
 */
final class InCalls implements Shmt {
    private static long nanos;

    private final Shmt runtime;

    InCalls(Shmt runtime) {
        this.runtime = runtime;
    }

    /** Nanoseconds spent inside calls so far, by every instance. */
    static long total() {
        return nanos;
    }

    @Override
    public Report execute(VopCall call) {
        long t0 = System.nanoTime();
        try {
            return runtime.execute(call);
        } finally {
            nanos += System.nanoTime() - t0;
        }
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
