package dev.shmt.runtime.sched;

import dev.shmt.api.Precision;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import java.util.ArrayList;
import java.util.List;

/**
 * One high-level operation: the part of a VOP call covering one region. Scheduling state is written by
 * the worker that holds it and read by the aggregator after the completion-queue hand-off.
 *
 * <p>Each run of an HLOP on a device is an attempt owned by one worker thread. The watchdog may take an
 * attempt away from a worker that runs far too long ({@link #abandon}) until the attempt claims the
 * caller's output ({@link #claimOutput()}); after that its writes cannot be taken back, so it is left
 * to finish. An abandoned attempt's result is discarded.
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

    /** The worker thread running the current attempt; null while queued or abandoned. Guarded by this. */
    private Thread owner;
    /** Whether the current attempt has started writing the caller's output. Guarded by this. */
    private boolean claimed;

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
        return tracker.eligible.contains(q) && q.quarantine() == null && (failedOn == null || !failedOn.contains(q))
                && (floor == null || q.device().precision().atLeast(floor));
    }

    /**
     * Devices that stage their output call this right before writing this HLOP's output into the
     * caller's views. False means the watchdog gave the HLOP to another device: write nothing and
     * return. True means the write may go ahead and the attempt can no longer be abandoned.
     */
    public synchronized boolean claimOutput() {
        if (owner != Thread.currentThread()) {
            return false;
        }
        claimed = true;
        return true;
    }

    /** Starts {@code worker}'s attempt; {@code claimed} for devices that write the output as they go. */
    synchronized void startAttempt(Thread worker, boolean claimed) {
        owner = worker;
        this.claimed = claimed;
    }

    /** Ends the calling worker's attempt: true when it still owned the HLOP, false when it was abandoned. */
    synchronized boolean endAttempt() {
        if (owner != Thread.currentThread()) {
            return false;
        }
        owner = null;
        return true;
    }

    /**
     * Takes the HLOP away from {@code worker}, unless its attempt already claimed the output (or ended):
     * true when the attempt is now abandoned and the HLOP may run elsewhere.
     */
    synchronized boolean abandon(Thread worker) {
        if (owner != worker || claimed) {
            return false;
        }
        owner = null;
        return true;
    }

    void fail(DeviceQueue q, Throwable t) {
        fail(q, String.valueOf(t));
    }

    /** Records that {@code q} failed (or could not take) this HLOP, and why. */
    void fail(DeviceQueue q, String why) {
        if (failedOn == null) {
            failedOn = new ArrayList<>(2);
            failures = new ArrayList<>(2);
        }
        failedOn.add(q);
        failures.add(q.device().name() + ": " + why);
    }

    @Override
    public String toString() {
        return tracker.call.name() + " HLOP " + index + " " + region;
    }
}
