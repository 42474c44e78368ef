package dev.shmt.runtime.energy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that reads every power channel each interval and integrates it. Started only when some
 * channel gives power rather than energy; a daemon, so a runtime left open does not keep the JVM alive.
 */
final class Sampler implements Runnable {
    private final List<Tracked> channels;
    private final long intervalNanos;
    private final Thread thread;
    private volatile boolean stopped;

    Sampler(List<Tracked> channels, Duration interval, String name) {
        this.channels = List.copyOf(channels);
        this.intervalNanos = interval.toNanos();
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    void start() {
        sampleAll(); // a first sample now, so a window opened right away has a power to start from
        thread.start();
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
            sampleAll();
            // Fixed rate, but a late wake-up does not trigger a burst of catch-up samples.
            next = Math.max(next + intervalNanos, System.nanoTime() + intervalNanos / 2);
        }
    }

    private void sampleAll() {
        for (Tracked t : channels) {
            t.sample();
        }
    }

    /** CPU time the thread has used; 0 when the JVM cannot tell. */
    long cpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!mx.isThreadCpuTimeSupported()) {
            return 0;
        }
        long t = mx.getThreadCpuTime(thread.getId());
        return Math.max(0, t);
    }

    String threadName() {
        return thread.getName();
    }

    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
