package dev.shmt.samples.cli.bench;

import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.api.VopCall;

/**
 * A runtime that clocks the time its callers spend inside VOP calls, so that a run's time splits into
 * device work (what co-execution shares and emulation dilates) and host work between calls. The bench
 * runs apps on the calling thread, one at a time: one clock for the whole bench suffices.
 */
final class InCalls extends ForwardingShmt {
    private static long nanos;

    InCalls(Shmt runtime) {
        super(runtime);
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
}
