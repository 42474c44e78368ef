package dev.shmt.runtime.sched;

/**
 * What {@link Faults} may do with the scheduler's queues, and nothing more: {@link WorkerLoop} implements it.
 */
interface Rerouting {
    /** Runs {@code change} under the scheduler's lock, then wakes the workers. */
    void locked(Runnable change);

    /**
     * Under the lock: queues {@code h}, which left {@code from}, first on the least loaded device that
     * may still run it. False when none is left, or when its call was cancelled (then it is marked so).
     */
    boolean reroute(ScheduledHlop h, DeviceQueue from);

    /** Hands {@code h}, which ended on {@code q}, to the aggregator. */
    void complete(DeviceQueue q, ScheduledHlop h);
}
