package dev.shmt.runtime.sched;

import dev.shmt.api.WatchdogSettings;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread that looks at every worker's running HLOP a few times per {@link WatchdogSettings#minimum}
 * and hands the ones past their limit to {@link Faults}, once each.
 */
final class Watchdog implements Runnable {
    private final Faults faults;
    private final List<Worker> workers;
    private final WatchdogSettings settings;
    private final Thread thread;
    private volatile boolean stopping;

    Watchdog(Faults faults, List<Worker> workers, WatchdogSettings settings, String name) {
        this.faults = faults;
        this.workers = workers;
        this.settings = settings;
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() throws InterruptedException {
        stopping = true;
        LockSupport.unpark(thread);
        thread.join();
    }

    @Override
    public void run() {
        long tick = tickNanos(settings);
        while (!stopping) {
            LockSupport.parkNanos(this, tick);
            check(System.nanoTime());
        }
    }

    private void check(long now) {
        for (Worker w : workers) {
            ScheduledHlop h = w.current;
            if (h == null || h == w.flagged) {
                continue;
            }
            long ran = now - w.since;
            double expected = w.queue.expectedNanos(h.call().name(), h.region().elements());
            long limit = settings.limitNanos(expected);
            if (ran > limit) {
                w.flagged = h;
                faults.overdue(w, h, ran, limit, expected);
            }
        }
    }

    /** How often to look: often enough to act soon after a limit, rarely enough to cost nothing. */
    private static long tickNanos(WatchdogSettings settings) {
        return Math.max(1_000_000L, Math.min(250_000_000L, settings.minimum().toNanos() / 8));
    }
}
