package dev.shmt.runtime.sched;

import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import java.util.List;

/**
 * Runs a call's HLOPs on one chosen device before the real plan is made, for policies that measure
 * rather than sample (the evaluation-only {@code oracle}). The HLOPs go through that device's own
 * workers, pinned there: no other device may steal or re-run them.
 */
public interface Trials {
    /**
     * Runs every region of {@code call} on {@code device} and waits for them; returns each HLOP's
     * partial result (null for calls that write outputs).
     *
     * @throws dev.shmt.api.ShmtExecutionException when the device fails an HLOP
     */
    Object[] runAllOn(DeviceQueue device, VopCall call, List<Region> regions);
}
