package dev.shmt.runtime.sched;

import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import java.util.ArrayList;
import java.util.List;

/**
 * One high-level operation: the part of a VOP call covering one region. Scheduling state is written by
 * the worker that holds it and read by the aggregator after the completion-queue hand-off.
 */
public final class Hlop {
    final CallTracker tracker;
    private final int index;
    private final Region region;

    long enqueuedAt;
    long startedAt;
    long endedAt;
    /** The device it was stolen from by {@link #ranOn}; null when it ran where it was planned or re-routed. */
    DeviceQueue stolenFrom;
    boolean cancelled;
    DeviceQueue ranOn;
    /** Which of {@link #ranOn}'s worker threads ran it: one trace track per worker. */
    int worker;
    Object partial;
    Throwable error;
    /** Devices that failed it, with their errors; null until the first failure (the common case). */
    List<DeviceQueue> failedOn;
    List<String> failures;

    Hlop(CallTracker tracker, int index, Region region) {
        this.tracker = tracker;
        this.index = index;
        this.region = region;
    }

    public VopCall call() {
        return tracker.call;
    }

    /** Position in the call's partition order. */
    public int index() {
        return index;
    }

    public Region region() {
        return region;
    }

    /** True when {@code q}'s device may take this HLOP: it runs the call and has not failed it. */
    boolean runnableOn(DeviceQueue q) {
        return tracker.eligible.contains(q) && (failedOn == null || !failedOn.contains(q));
    }

    void fail(DeviceQueue q, Throwable t) {
        if (failedOn == null) {
            failedOn = new ArrayList<>(2);
            failures = new ArrayList<>(2);
        }
        failedOn.add(q);
        failures.add(q.device().name() + ": " + t);
    }

    @Override
    public String toString() {
        return tracker.call.name() + " HLOP " + index + " " + region;
    }
}
