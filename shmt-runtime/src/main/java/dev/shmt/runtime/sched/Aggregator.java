package dev.shmt.runtime.sched;

import dev.shmt.api.CallEvent;
import dev.shmt.api.DeviceInfo;
import dev.shmt.api.Energy;
import dev.shmt.api.Report;
import dev.shmt.runtime.spi.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * The one thread that drains every device's completion queue, counts each call's HLOPs down, and when
 * a call's last HLOP is in, combines the partial results, builds the report (or the failure) and
 * signals the caller. It parks when there is nothing to drain; workers {@link #wake()} it after every
 * push to a completion queue.
 */
final class Aggregator extends Drainer {
    private final List<DeviceQueue> queues;
    private final Events events;

    Aggregator(List<DeviceQueue> queues, Events events, String name) {
        super(name);
        this.queues = queues;
        this.events = events;
    }

    @Override
    boolean drain() {
        boolean any = false;
        for (int i = 0; i < queues.size(); i++) {
            DeviceQueue q = queues.get(i);
            ScheduledHlop h;
            while ((h = q.completion.poll()) != null) {
                any = true;
                if (h.call.countDown()) {
                    finish(h.call, System.nanoTime());
                }
            }
        }
        return any;
    }

    private void finish(CallState c, long endNanos) {
        boolean cancelled = false;
        boolean failed = false;
        for (ScheduledHlop h : c.hlops) {
            cancelled |= h.isCancelled();
            failed |= h.error() != null;
        }
        Report report = null;
        Throwable failure;
        if (cancelled) {
            failure = new CancellationException(c.call.name() + " was cancelled");
        } else if (failed) {
            failure = CallFailure.of(c);
        } else {
            try {
                report = report(c, endNanos);
                failure = null;
            } catch (RuntimeException | Error e) {
                // A throwing combiner must fail the call, not the aggregator thread.
                failure = e;
            }
        }
        if (events.on && c.observed) {
            events.callFinished(new CallEvent(c.id, c.call.name(), c.startNanos, endNanos, report, failure));
        }
        if (failure == null) {
            c.done.complete(report);
        } else {
            c.done.completeExceptionally(failure);
        }
    }

    private static Report report(CallState c, long endNanos) {
        ScheduledHlop[] hlops = c.hlops;
        List<Report.HlopRecord> records = new ArrayList<>(hlops.length);
        int n = c.eligible.size();
        int[] count = new int[n];
        int[] stolen = new int[n];
        long[] busy = new long[n];
        for (ScheduledHlop h : hlops) {
            int d = c.eligible.indexOf(h.ranOn());
            long run = h.endedAt() - h.startedAt();
            count[d]++;
            stolen[d] += h.stolenFrom() != null ? 1 : 0;
            busy[d] += run;
            records.add(new Report.HlopRecord(h.index(), h.region(), h.ranOn().device().name(), h.worker(),
                    h.startedAt() - c.startNanos, h.startedAt() - h.enqueuedAt(), run,
                    h.stolenFrom() == null ? null : h.stolenFrom().device().name(), h.failures(), h.criticality(),
                    h.critical(), h.quantization()));
        }
        List<Report.DeviceSummary> devices = new ArrayList<>(n);
        List<DeviceInfo> quarantined = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            DeviceQueue q = c.eligible.get(d);
            Device dev = q.device();
            devices.add(new Report.DeviceSummary(dev.name(), dev.detail(), dev.threads(), count[d], stolen[d], busy[d],
                    q.cores()));
            if (q.quarantine() != null) {
                // Eligible devices were trusted when the call began: this call saw it happen.
                quarantined.add(new DeviceInfo(dev.name(), dev.kind(), dev.precision(), dev.threads(), dev.detail(),
                        q.quarantine(), q.cores()));
            }
        }
        Energy energy = c.energy == null ? Energy.off(endNanos - c.startNanos) : c.energy.stop();
        return new CallReport(c.call.name(), c.startNanos, c.call.partition(), c.policy, endNanos - c.startNanos,
                c.samplingNanos, c.nonFiniteSamples, combine(c), records, devices, c.notUsed, quarantined, energy,
                c.choice);
    }

    /** Combines partial results in HLOP order, so the result does not depend on which device finished first. */
    private static Object combine(CallState c) {
        if (c.call.combiner() == null) {
            return null;
        }
        Object acc = c.hlops[0].partial();
        for (int i = 1; i < c.hlops.length; i++) {
            acc = c.call.combiner().apply(acc, c.hlops[i].partial());
        }
        return acc;
    }
}
