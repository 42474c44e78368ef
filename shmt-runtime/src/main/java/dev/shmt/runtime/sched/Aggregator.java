package dev.shmt.runtime.sched;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that drains every device's completion queue, counts HLOPs down per call, combines
 * partial results and signals the caller. It parks when there is nothing to drain.
 */
final class Aggregator implements Runnable {
    private final List<DeviceQueue> queues;
    private final Thread thread;
    private volatile boolean sleeping;
    private volatile boolean stopping;

    Aggregator(List<DeviceQueue> queues, String name) {
        this.queues = queues;
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    /** True on the aggregator thread (where combiners run). */
    boolean isCurrentThread() {
        return Thread.currentThread() == thread;
    }

    void start() {
        thread.start();
    }

    /** Called after every push to a completion queue; cheap when the aggregator is awake. */
    void wake() {
        if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    void stop() throws InterruptedException {
        stopping = true;
        LockSupport.unpark(thread);
        thread.join();
    }

    @Override
    public void run() {
        while (true) {
            if (drain()) {
                continue;
            }
            if (stopping) {
                return;
            }
            // Announce the sleep, then look once more: a worker that pushed before reading
            // sleeping == true is seen by this second look, one that pushed after it unparks us.
            sleeping = true;
            if (!drain() && !stopping) {
                LockSupport.park(this);
            }
            sleeping = false;
        }
    }

    private boolean drain() {
        boolean any = false;
        for (int i = 0; i < queues.size(); i++) {
            DeviceQueue q = queues.get(i);
            Hlop h;
            while ((h = q.completion.poll()) != null) {
                any = true;
                h.tracker.completed();
            }
        }
        return any;
    }
}
