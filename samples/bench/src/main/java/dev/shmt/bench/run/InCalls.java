package dev.shmt.bench.run;

import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.api.VopCall;
import dev.shmt.bench.calls.ForwardingShmt;

/**
 * A runtime that clocks the time its callers spend inside VOP calls, so that a run's time splits into
 * device work (what co-execution shares and emulation dilates) and host work between calls. The bench
 * runs apps on the calling thread, one at a time: one clock for the whole bench suffices.
 *
 * <p>It also clocks the part of that time the caller's thread spent planning: a quality-aware policy
 * samples the inputs before any HLOP is queued. That is host work too, which an emulated run must not
 * dilate. The {@code oracle}'s "sampling" is trial runs on the devices, so it stays device work.
 */
final class InCalls extends ForwardingShmt {
    private static long nanos;
    private static long planning;

    InCalls(Shmt runtime) {
        super(runtime);
    }

    /** Nanoseconds spent inside calls so far, by every instance. */
    static long total() {
        return nanos;
    }

    /** Of {@link #total()}, the nanoseconds callers spent sampling inputs before any HLOP was queued. */
    static long planning() {
        return planning;
    }

    @Override
    public Report execute(VopCall call) {
        long t0 = System.nanoTime();
        try {
            Report r = runtime.execute(call);
            if (!r.policy().equals("oracle")) {
                planning += r.samplingNanos();
            }
            return r;
        } finally {
            nanos += System.nanoTime() - t0;
        }
    }
}
