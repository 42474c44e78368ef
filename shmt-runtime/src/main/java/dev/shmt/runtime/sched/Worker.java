package dev.shmt.runtime.sched;

/**
 * One worker thread of a device and what it is running, which the watchdog reads. {@link #current} is
 * written after {@link #since}, so a reader that sees an HLOP sees when it (or a later one) started.
 */
final class Worker {
    final DeviceQueue queue;
    /** Which of the device's workers this is: one trace track each. */
    final int index;
    Thread thread;
    volatile long since;
    volatile ScheduledHlop current;
    /** The HLOP the watchdog already acted on; watchdog thread only. */
    ScheduledHlop flagged;

    Worker(DeviceQueue queue, int index) {
        this.queue = queue;
        this.index = index;
    }

    /** True while this worker runs an HLOP the watchdog took away from it. */
    boolean stuck() {
        ScheduledHlop h = current;
        return h != null && h == flagged;
    }
}
