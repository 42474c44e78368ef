package dev.shmt.runtime.sched;

import java.util.concurrent.locks.LockSupport;

/**
 * A thread of the runtime that drains what other threads hand it (completed HLOPs, observer events) and
 * parks when there is nothing: producers call {@link #wake()} after each hand-off, which costs a volatile
 * read while the thread is awake.
 */
abstract class Drainer implements Runnable {
    private final Thread thread;
    private volatile boolean sleeping;
    private volatile boolean stopping;

    Drainer(String name) {
        thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    /** Takes everything handed over so far; true when there was anything. */
    abstract boolean drain();

    final boolean isCurrentThread() {
        return Thread.currentThread() == thread;
    }

    final void start() {
        thread.start();
    }

    final void wake() {
        if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    /** Drains what is left, then ends the thread. */
    final void stop() throws InterruptedException {
        stopping = true;
        LockSupport.unpark(thread);
        thread.join();
    }

    @Override
    public final void run() {
        while (true) {
            if (drain()) {
                continue;
            }
            if (stopping) {
                drain();
                return;
            }
            // Announce the sleep, then look once more: a producer that handed over before reading
            // sleeping == true is seen by this second look, one that handed over after it unparks us.
            sleeping = true;
            if (!drain() && !stopping) {
                LockSupport.park(this);
            }
            sleeping = false;
        }
    }
}
