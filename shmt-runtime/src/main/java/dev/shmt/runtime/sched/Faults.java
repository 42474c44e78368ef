package dev.shmt.runtime.sched;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * What the scheduler does when a device fails: re-routes an HLOP a device threw on, abandons and
 * re-routes one the watchdog found overdue, and quarantines a device that keeps failing or hung,
 * moving its waiting HLOPs to other devices.
 */
final class Faults {
    private static final System.Logger LOG = Scheduler.LOG;

    private final Scheduler scheduler;
    /** Failures in a row after which a device is quarantined; 0 never. */
    private final int quarantineAfter;

    Faults(Scheduler scheduler, int quarantineAfter) {
        this.scheduler = scheduler;
        this.quarantineAfter = quarantineAfter;
    }

    /**
     * A device threw: re-run the HLOP elsewhere, quarantining the device if it keeps failing. An
     * {@link IllegalArgumentException} is the device refusing this HLOP's input, so it does not count.
     */
    void failed(DeviceQueue q, Hlop h, Throwable error) {
        scheduler.lock.lock();
        try {
            h.fail(q, error);
            // A device refusing an HLOP's input (outside what its model covers) is not at fault.
            boolean deviceFault = !(error instanceof IllegalArgumentException);
            if (deviceFault && quarantineAfter > 0 && ++q.failuresInARow >= quarantineAfter
                    && q.quarantine() == null) {
                quarantine(q, q.failuresInARow + " HLOPs failed in a row, the last with " + error);
            }
            if (!scheduler.route(h)) {
                h.error = error;
                scheduler.complete(q, h);
            }
        } finally {
            scheduler.lock.unlock();
        }
    }

    /**
     * The watchdog found {@code h} running on {@code w} for {@code ran} ns, past {@code limit}: unless
     * it is already writing the caller's output, take it away, quarantine the device (a hung device
     * would hang the next HLOP too) and re-run it elsewhere. The worker's result, if it ever returns,
     * is discarded.
     */
    void overdue(Worker w, Hlop h, long ran, long limit, double expected) {
        DeviceQueue q = w.queue;
        String usual = expected < 0 ? "its first HLOP of " + h.call().name() + " on this device"
                : "usually about " + millis((long) expected) + " ms";
        if (!h.abandon(w.thread)) {
            LOG.log(System.Logger.Level.WARNING, "{0}: {1} has run {2} ms, past the watchdog''s {3} ms ({4}),"
                    + " but it already writes the caller''s output, so it is left to finish",
                    q.device().name(), h, millis(ran), millis(limit), usual);
            return;
        }
        String why = "no result after " + millis(ran) + " ms, past the watchdog's limit of " + millis(limit)
                + " ms (" + usual + ")";
        scheduler.lock.lock();
        try {
            h.fail(q, new TimeoutException("watchdog: " + why + "; re-run elsewhere, a late result is discarded"));
            if (q.quarantine() == null) {
                quarantine(q, "hung: " + h + ": " + why);
            }
            h.startedAt = w.since;
            h.endedAt = System.nanoTime();
            h.ranOn = q;
            h.worker = w.index;
            if (!scheduler.route(h)) {
                h.error = new TimeoutException(q.device().name() + " hung: " + why);
                scheduler.complete(q, h);
            }
        } finally {
            scheduler.lock.unlock();
        }
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
        List<Hlop> waiting = new ArrayList<>(q.incoming);
        q.incoming.clear();
        for (Hlop h : waiting) {
            if (!scheduler.route(h)) {
                unrunnable(q, h);
            }
        }
        scheduler.workAvailable.signalAll();
    }

    /** Completes an HLOP left on quarantined {@code q} with nowhere else to go. Under the lock. */
    void unrunnable(DeviceQueue q, Hlop h) {
        if (!h.cancelled) {
            h.fail(q, "quarantined: " + q.quarantine());
            h.error = new IllegalStateException(q.device().name() + " is quarantined: " + q.quarantine());
        }
        h.ranOn = q;
        scheduler.complete(q, h);
    }

}
