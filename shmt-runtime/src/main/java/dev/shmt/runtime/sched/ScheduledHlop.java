package dev.shmt.runtime.sched;

import dev.shmt.api.Precision;
import dev.shmt.api.Region;
import dev.shmt.api.Report;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.spi.Hlop;
import dev.shmt.runtime.spi.QueueView;
import java.util.ArrayList;
import java.util.List;

/**
 * An HLOP in the scheduler, with its attempts. Each state change is one method here, and no other class
 * writes its fields: the scheduler, {@link Faults} and the watchdog move it only through these.
 *
 * <ul>
 *   <li>{@link #queued}, {@link #stolenBy} and {@link #rerouted}, under the scheduler's lock;
 *   <li>{@link #started}, by the worker that took it: an attempt owned by that worker's thread;
 *   <li>{@link #finished} or {@link #failed}, by that worker, which end the attempt unless the watchdog
 *       {@link #abandoned} it first (then the late result is discarded);
 *   <li>{@link #gaveUp}, {@link #stranded} or {@link #cancelled}, under the lock, when no device is
 *       left or the caller left.
 * </ul>
 *
 * The aggregator reads the outcome after the completion-queue hand-off. The watchdog may abandon an
 * attempt until it claims the caller's output ({@link #claimOutput()}); after that its writes cannot be
 * taken back, so it is left to finish.
 */
final class ScheduledHlop implements Hlop {
    final CallState call;
    private final int index;
    private final Region region;
    /** The policy's criticality score; NaN when the policy scores nothing. */
    private final double criticality;
    private final boolean critical;
    /** The least precise device a critical HLOP may run on (its planned device's); null for any device. */
    private final Precision floor;
    /** Whether devices the policy did not choose may take it, after a failure ({@link #widen}). Under the lock. */
    private boolean widened;

    // Queueing: under the scheduler's lock.
    private long enqueuedAt;
    /** The device it was stolen from by {@link #ranOn}; null when it ran where it was queued last. */
    private DeviceQueue stolenFrom;

    // The current attempt: guarded by this.
    private Thread owner;
    /** Whether the current attempt has started writing the caller's output. */
    private boolean claimed;
    /** What the current attempt's int8 device said about its output's quantization; null for nothing. */
    private Report.Quantization quantization;

    // Outcome: written by the worker ending an attempt, or under the lock when the HLOP ends without one;
    // read by the aggregator after the completion-queue hand-off.
    private DeviceQueue ranOn;
    /** Which of {@link #ranOn}'s worker threads ran it: one trace track per worker. */
    private int worker;
    private long startedAt;
    private long endedAt;
    private Object partial;
    private Throwable error;
    private boolean cancelled;
    /** Devices that failed it, with their errors; null until the first failure (the common case). */
    private List<DeviceQueue> failedOn;
    private List<String> failures;

    ScheduledHlop(CallState call, int index, Region region, double criticality, boolean critical, Precision floor) {
        this.call = call;
        this.index = index;
        this.region = region;
        this.criticality = criticality;
        this.critical = critical;
        this.floor = floor;
    }

    @Override
    public VopCall call() {
        return call.call;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public Region region() {
        return region;
    }

    @Override
    public boolean critical() {
        return critical;
    }

    @Override
    public double criticality() {
        return criticality;
    }

    /**
     * True when {@code q}'s device may take this HLOP: it runs the call, is not quarantined, has not
     * failed it, and is at least as precise as the HLOP's floor. Stealing and re-routing both ask this,
     * so a critical HLOP never lands on a less precise device by either path.
     */
    boolean runnableOn(DeviceQueue q) {
        return (widened ? call.eligible : call.chosen).contains(q) && q.quarantine() == null && (failedOn == null || !failedOn.contains(q))
                && (floor == null || q.device().precision().atLeast(floor));
    }

    @Override
    public boolean mayRunOn(QueueView q) {
        return q instanceof DeviceQueue d && runnableOn(d);
    }

    Precision floor() {
        return floor;
    }

    /**
     * Lets every eligible device take it, not only those the policy chose: set under the lock when it
     * failed and none of the chosen devices may run it.
     */
    void widen() {
        widened = true;
    }

    // ---- transitions ----

    /** Entered the incoming queue the plan chose. Under the lock. */
    void queued(long now) {
        enqueuedAt = now;
        stolenFrom = null;
    }

    /** Queued again, first in line, on another device after a failure or a quarantine. Under the lock. */
    void rerouted(long now) {
        queued(now);
    }

    /** Taken from {@code victim}'s queue by a thief. Under the lock. */
    void stolenBy(DeviceQueue victim) {
        stolenFrom = victim;
    }

    /** A worker's attempt begins; {@code claimed} for devices that write the output as they go. */
    synchronized void started(Thread worker, boolean claimed) {
        owner = worker;
        quantization = null;
        this.claimed = claimed;
    }

    @Override
    public synchronized void quantized(Report.Quantization q) {
        if (owner == Thread.currentThread()) {
            quantization = q;
        }
    }

    /** How the attempt that completed it quantized its output; null when its device said nothing. */
    synchronized Report.Quantization quantization() {
        return quantization;
    }

    @Override
    public synchronized boolean claimOutput() {
        if (owner != Thread.currentThread()) {
            return false;
        }
        claimed = true;
        return true;
    }

    /** Ends the calling worker's attempt: true when it still owned the HLOP, false when it was abandoned. */
    private synchronized boolean endAttempt() {
        if (owner != Thread.currentThread()) {
            return false;
        }
        owner = null;
        return true;
    }

    /**
     * The calling worker's attempt on {@code q} returned {@code partial}: true when that is the HLOP's
     * result, false when the watchdog had abandoned the attempt (discard it).
     */
    boolean finished(DeviceQueue q, int worker, long start, long end, Object partial) {
        if (!endAttempt()) {
            return false;
        }
        ran(q, worker, start, end);
        this.partial = partial;
        return true;
    }

    /**
     * The calling worker's attempt on {@code q} threw {@code t}: true when that counts (the HLOP must go
     * elsewhere or fail), false when the watchdog had abandoned the attempt already.
     */
    boolean failed(DeviceQueue q, int worker, long start, long end, Throwable t) {
        if (!endAttempt()) {
            return false;
        }
        ran(q, worker, start, end);
        record(q, String.valueOf(t));
        return true;
    }

    /**
     * The watchdog takes the HLOP away from {@code w}, unless its attempt already claimed the output (or
     * ended): true when the attempt is now abandoned, recorded as failed with {@code why}, and the HLOP
     * may run elsewhere.
     */
    boolean abandoned(Worker w, long since, long now, Throwable why) {
        synchronized (this) {
            if (owner != w.thread || claimed) {
                return false;
            }
            owner = null;
        }
        ran(w.queue, w.index, since, now);
        record(w.queue, String.valueOf(why));
        return true;
    }

    /**
     * No device is left to run it: the call fails with {@code error}, the last attempt's. Under the
     * lock, after a {@link #failed} or {@link #abandoned} attempt.
     */
    void gaveUp(Throwable error) {
        this.error = error;
    }

    /** It waited on quarantined {@code q} and no other device may take it. Under the lock. */
    void stranded(DeviceQueue q, String why, Throwable error) {
        record(q, why);
        this.error = error;
        this.ranOn = q;
    }

    /** Its call was cancelled while it waited in {@code q}'s queue, or before it could be re-routed. */
    void cancelled(DeviceQueue q) {
        cancelled = true;
        ranOn = q;
    }

    private void ran(DeviceQueue q, int worker, long start, long end) {
        this.ranOn = q;
        this.worker = worker;
        this.startedAt = start;
        this.endedAt = end;
    }

    private void record(DeviceQueue q, String why) {
        if (failedOn == null) {
            failedOn = new ArrayList<>(2);
            failures = new ArrayList<>(2);
        }
        failedOn.add(q);
        failures.add(q.device().name() + ": " + why);
    }

    // ---- outcome, for the aggregator ----

    DeviceQueue ranOn() {
        return ranOn;
    }

    int worker() {
        return worker;
    }

    long enqueuedAt() {
        return enqueuedAt;
    }

    long startedAt() {
        return startedAt;
    }

    long endedAt() {
        return endedAt;
    }

    DeviceQueue stolenFrom() {
        return stolenFrom;
    }

    Object partial() {
        return partial;
    }

    Throwable error() {
        return error;
    }

    boolean isCancelled() {
        return cancelled;
    }

    boolean failedOn(DeviceQueue q) {
        return failedOn != null && failedOn.contains(q);
    }

    List<String> failures() {
        return failures == null ? List.of() : failures;
    }

    @Override
    public String toString() {
        return call.call.name() + " HLOP " + index + " " + region;
    }
}
