package dev.shmt.runtime.sched;

import dev.shmt.api.Precision;
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
    /** The policy's criticality score; NaN when the policy scores nothing. */
    double criticality = Double.NaN;
    boolean critical;
    /** The least precise device a critical HLOP may run on (its planned device's); null for any device. */
    Precision floor;

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

    /** Whether the policy found this HLOP critical. */
    public boolean critical() {
        return critical;
    }

    /** The policy's criticality score for this HLOP; NaN when it scores nothing. */
    public double criticality() {
        return criticality;
    }

    /**
     * True when {@code q}'s device may take this HLOP: it runs the call, has not failed it, and is at
     * least as precise as the HLOP's floor. Stealing and re-routing both ask this, so a critical HLOP
     * never lands on a less precise device by either path.
     */
    boolean runnableOn(DeviceQueue q) {
        return tracker.eligible.contains(q) && (failedOn == null || !failedOn.contains(q))
                && (floor == null || q.device().precision().atLeast(floor));
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
