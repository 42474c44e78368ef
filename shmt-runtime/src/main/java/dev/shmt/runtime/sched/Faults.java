package dev.shmt.runtime.sched;

import dev.shmt.api.HlopEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * What the scheduler does when a device fails: re-routes an HLOP a device threw on, abandons and
 * re-routes one the watchdog found overdue, and quarantines a device that keeps failing or hung,
 * moving its waiting HLOPs to other devices. It changes HLOPs only through their attempt transitions
 * and the queues only through {@link Rerouting}.
 */
final class Faults {
    private static final System.Logger LOG = Scheduler.LOG;

    private final Rerouting queues;
    private final Events events;
    /** Failures in a row after which a device is quarantined; 0 never. */
    private final int quarantineAfter;

    Faults(Rerouting queues, Events events, int quarantineAfter) {
        this.queues = queues;
        this.events = events;
        this.quarantineAfter = quarantineAfter;
    }

    /**
     * A worker of {@code q} ended its attempt at {@code h} with {@code error} ({@link ScheduledHlop#failed}
     * said it counts): re-run the HLOP elsewhere, quarantining the device if it keeps failing. An
     * {@link IllegalArgumentException} is the device refusing this HLOP's input, so it does not count.
     */
    void failed(DeviceQueue q, int worker, ScheduledHlop h, Throwable error) {
        if (events.on && h.call.observed) {
            events.hlop(HlopEvent.Kind.FAILED, System.nanoTime(), h, q, worker, null, String.valueOf(error));
        }
        queues.locked(() -> {
            // A device refusing an HLOP's input (outside what its model covers) is not at fault.
            boolean deviceFault = !(error instanceof IllegalArgumentException);
            if (deviceFault && quarantineAfter > 0 && ++q.failuresInARow >= quarantineAfter
                    && q.quarantine() == null) {
                quarantine(q, q.failuresInARow + " HLOPs failed in a row, the last with " + error);
            }
            if (!queues.reroute(h, q)) {
                h.gaveUp(error);
                queues.complete(q, h);
            }
        });
    }

    /**
     * The watchdog found {@code h} running on {@code w} for {@code ran} ns, past {@code limit}: unless
     * it is already writing the caller's output, take it away, quarantine the device (a hung device
     * would hang the next HLOP too) and re-run it elsewhere. The worker's result, if it ever returns,
     * is discarded.
     */
    void overdue(Worker w, ScheduledHlop h, long ran, long limit, double expected) {
        DeviceQueue q = w.queue;
        String usual = expected < 0 ? "its first HLOP of " + h.call().name() + " on this device"
                : "usually about " + millis((long) expected) + " ms";
        String why = "no result after " + millis(ran) + " ms, past the watchdog's limit of " + millis(limit)
                + " ms (" + usual + ")";
        long now = System.nanoTime();
        TimeoutException abandoned = new TimeoutException("watchdog: " + why
                + "; re-run elsewhere, a late result is discarded");
        if (!h.abandoned(w, w.since, now, abandoned)) {
            LOG.log(System.Logger.Level.WARNING, "{0}: {1} has run {2} ms, past the watchdog''s {3} ms ({4}),"
                    + " but it already writes the caller''s output, so it is left to finish",
                    q.device().name(), h, millis(ran), millis(limit), usual);
            return;
        }
        if (events.on && h.call.observed) {
            events.hlop(HlopEvent.Kind.FAILED, now, h, q, w.index, null, String.valueOf(abandoned));
        }
        queues.locked(() -> {
            if (q.quarantine() == null) {
                quarantine(q, "hung: " + h + ": " + why);
            }
            if (!queues.reroute(h, q)) {
                h.gaveUp(new TimeoutException(q.device().name() + " hung: " + why));
                queues.complete(q, h);
            }
        });
    }

    private static String millis(long nanos) {
        return nanos >= 10_000_000 ? String.valueOf(nanos / 1_000_000) : String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }

    /**
     * Takes {@code q} out of service for the rest of the runtime's life and moves every HLOP waiting
     * for it to other devices. Under the lock.
     */
    private void quarantine(DeviceQueue q, String cause) {
        q.quarantine(cause);
        LOG.log(System.Logger.Level.WARNING, "device {0} quarantined: {1}", q.device().name(), cause);
        if (events.on) {
            events.quarantined(q, cause);
        }
        List<ScheduledHlop> waiting = new ArrayList<>(q.incoming);
        q.incoming.clear();
        for (ScheduledHlop h : waiting) {
            if (!queues.reroute(h, q)) {
                unrunnable(q, h);
            }
        }
    }

    /** Completes an HLOP left on quarantined {@code q} with nowhere else to go. Under the lock. */
    void unrunnable(DeviceQueue q, ScheduledHlop h) {
        if (h.isCancelled()) {
            h.cancelled(q);
        } else {
            String why = "quarantined: " + q.quarantine();
            h.stranded(q, why, new IllegalStateException(q.device().name() + " is quarantined: " + q.quarantine()));
            if (events.on && h.call.observed) {
                events.hlop(HlopEvent.Kind.FAILED, System.nanoTime(), h, q, -1, null, why);
            }
        }
        queues.complete(q, h);
    }
}
