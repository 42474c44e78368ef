package dev.shmt.runtime.sched;

import dev.shmt.api.DeviceInfo;
import dev.shmt.api.EnergyMeters;
import dev.shmt.api.PolicyChoice;
import dev.shmt.api.Report;
import dev.shmt.api.VopCall;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One call in flight: its HLOPs, the devices that may run them, and what the caller waits on. Only the
 * aggregator thread counts {@link #remaining} down, so completing an HLOP needs no lock.
 */
final class CallState {
    final VopCall call;
    /** The call's number in its runtime, as observers see it. */
    final long id;
    final List<DeviceQueue> eligible;
    /**
     * The devices the policy chose to run the call ({@link dev.shmt.runtime.spi.Policy#setup}), some of
     * {@link #eligible}: only they plan, steal and defer its HLOPs; a failed HLOP that none of them may
     * run goes on to the other eligible devices.
     */
    final List<DeviceQueue> chosen;
    /** What the policy chose for the call and why, for its report; null when it chose nothing. */
    final PolicyChoice choice;
    final List<DeviceInfo> notUsed;
    final String policy;
    final long startNanos;
    final CompletableFuture<Report> done = new CompletableFuture<>();
    /** Whether observers hear of it: trial runs of the oracle are not the user's calls. */
    final boolean observed;
    ScheduledHlop[] hlops;
    /** The energy window over the call; null when energy is off (and for trial runs). */
    EnergyMeters.Window energy;
    long samplingNanos;
    long nonFiniteSamples;
    /** Set under the scheduler lock when the caller gave up; re-routing stops for this call. */
    boolean cancelled;
    private int remaining;

    CallState(VopCall call, long id, List<DeviceQueue> eligible, List<DeviceQueue> chosen, PolicyChoice choice,
              List<DeviceInfo> notUsed, String policy, long startNanos, boolean observed) {
        this.call = call;
        this.id = id;
        this.eligible = eligible;
        this.chosen = chosen;
        this.choice = choice;
        this.notUsed = notUsed;
        this.policy = policy;
        this.startNanos = startNanos;
        this.observed = observed;
    }

    void setHlops(ScheduledHlop[] hlops) {
        this.hlops = hlops;
        this.remaining = hlops.length;
    }

    /** One more HLOP done; true for the last. Aggregator thread only. */
    boolean countDown() {
        return --remaining == 0;
    }
}
