package dev.shmt.runtime.sched;

import dev.shmt.api.DeviceInfo;
import dev.shmt.api.Report;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.device.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * Aggregation state of one call. Only the aggregator thread touches {@code remaining}, so completing an
 * HLOP needs no lock; the caller waits on {@link #done}.
 */
final class CallTracker {
    final VopCall call;
    final List<DeviceQueue> eligible;
    final List<DeviceInfo> notUsed;
    final String policy;
    final long startNanos;
    final CompletableFuture<Report> done = new CompletableFuture<>();
    Hlop[] hlops;
    long samplingNanos;
    long nonFiniteSamples;
    /** Set under the scheduler lock when the caller gave up; re-routing stops for this call. */
    boolean cancelled;
    private int remaining;

    CallTracker(VopCall call, List<DeviceQueue> eligible, List<DeviceInfo> notUsed, String policy, long startNanos) {
        this.call = call;
        this.eligible = eligible;
        this.notUsed = notUsed;
        this.policy = policy;
        this.startNanos = startNanos;
    }

    void setHlops(Hlop[] hlops) {
        this.hlops = hlops;
        this.remaining = hlops.length;
    }

    /** Aggregator thread only. */
    void completed() {
        if (--remaining == 0) {
            finish(System.nanoTime());
        }
    }

    private void finish(long endNanos) {
        boolean cancelled = false;
        boolean failed = false;
        for (Hlop h : hlops) {
            cancelled |= h.cancelled;
            failed |= h.error != null;
        }
        if (cancelled) {
            done.completeExceptionally(new CancellationException(call.name() + " was cancelled"));
            return;
        }
        if (failed) {
            done.completeExceptionally(CallFailure.of(this));
            return;
        }
        try {
            done.complete(buildReport(endNanos));
        } catch (RuntimeException | Error e) {
            // A throwing combiner must fail the call, not the aggregator thread.
            done.completeExceptionally(e);
        }
    }

    private Report buildReport(long endNanos) {
        List<Report.HlopRecord> records = new ArrayList<>(hlops.length);
        int n = eligible.size();
        int[] count = new int[n];
        int[] stolen = new int[n];
        long[] busy = new long[n];
        for (Hlop h : hlops) {
            int d = eligible.indexOf(h.ranOn);
            long run = h.endedAt - h.startedAt;
            count[d]++;
            stolen[d] += h.stolenFrom != null ? 1 : 0;
            busy[d] += run;
            records.add(new Report.HlopRecord(h.index(), h.region(), h.ranOn.device().name(), h.worker,
                    h.startedAt - startNanos, h.startedAt - h.enqueuedAt, run,
                    h.stolenFrom == null ? null : h.stolenFrom.device().name(),
                    h.failures == null ? List.of() : h.failures, h.criticality, h.critical));
        }
        List<Report.DeviceSummary> devices = new ArrayList<>(n);
        List<DeviceInfo> quarantined = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            DeviceQueue q = eligible.get(d);
            Device dev = q.device();
            devices.add(new Report.DeviceSummary(dev.name(), dev.detail(), dev.threads(), count[d], stolen[d], busy[d],
                    q.cores()));
            if (q.quarantine() != null) {
                // Eligible devices were trusted when the call began: this call saw it happen.
                quarantined.add(new DeviceInfo(dev.name(), dev.kind(), dev.precision(), dev.threads(), dev.detail(),
                        q.quarantine(), q.cores()));
            }
        }
        return new Report(call.name(), startNanos, call.partition(), policy, endNanos - startNanos, samplingNanos,
                nonFiniteSamples, combine(), records, devices, notUsed, quarantined);
    }

    /** Combines partial results in HLOP order, so the result does not depend on which device finished first. */
    private Object combine() {
        if (call.combiner() == null) {
            return null;
        }
        Object acc = hlops[0].partial;
        for (int i = 1; i < hlops.length; i++) {
            acc = call.combiner().apply(acc, hlops[i].partial);
        }
        return acc;
    }
}
