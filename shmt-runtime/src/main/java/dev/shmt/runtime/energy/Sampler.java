package dev.shmt.runtime.energy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread that reads every power channel each interval and integrates it: one per interval for the
 * whole process, shared by every runtime with energy on, since waking up costs more than reading a few
 * files (the bench holds one runtime per policy). It runs while some runtime has power channels, and is
 * a daemon, so a runtime left open does not keep the JVM alive.
 */
final class Sampler implements Runnable {
    private static final Map<Long, Sampler> BY_INTERVAL = new HashMap<>();

    private final List<Tracked> channels = new CopyOnWriteArrayList<>();
    private final long intervalNanos;
    private final Thread thread;
    private volatile boolean stopped;

    private Sampler(long intervalNanos, String name) {
        this.intervalNanos = intervalNanos;
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    /** Adds {@code tracked} to the sampler of {@code interval}, starting it if none runs; returns it. */
    static Sampler register(Duration interval, List<Tracked> tracked, String name) {
        synchronized (BY_INTERVAL) {
            Sampler s = BY_INTERVAL.get(interval.toNanos());
            boolean fresh = s == null;
            if (fresh) {
                s = new Sampler(interval.toNanos(), name);
                BY_INTERVAL.put(interval.toNanos(), s);
            }
            for (Tracked t : tracked) {
                t.sample(); // a first sample now, so a window opened right away has a power to start from
            }
            s.channels.addAll(tracked);
            if (fresh) {
                s.thread.start();
            }
            return s;
        }
    }

    /** Removes {@code tracked}; the last runtime's leaving stops the thread. */
    void unregister(List<Tracked> tracked) {
        synchronized (BY_INTERVAL) {
            channels.removeAll(tracked);
            if (!channels.isEmpty()) {
                return;
            }
            BY_INTERVAL.remove(intervalNanos);
            stopped = true;
        }
        LockSupport.unpark(thread);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        long next = System.nanoTime() + intervalNanos;
        while (!stopped) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            for (Tracked t : channels) {
                t.sample();
            }
            // Fixed rate, but a late wake-up does not trigger a burst of catch-up samples.
            next = Math.max(next + intervalNanos, System.nanoTime() + intervalNanos / 2);
        }
    }

    /** CPU time the thread has used so far; 0 when the JVM cannot tell (or the thread has ended). */
    long cpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!mx.isThreadCpuTimeSupported()) {
            return 0;
        }
        return Math.max(0, mx.getThreadCpuTime(thread.getId()));
    }

    String threadName() {
        return thread.getName();
    }
}
