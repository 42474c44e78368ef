package dev.shmt.runtime.spi;

import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import java.util.List;

/**
 * The hook of policies that measure rather than sample (the evaluation-only {@code oracle}): runs a
 * call's HLOPs on one chosen device before the real plan is made. The runtime hands it to such a
 * policy when it builds one; the HLOPs go through that device's own workers, pinned there: no other
 * device may steal or re-run them.
 */
public interface Trials {
    /**
     * Runs every region of {@code call} on {@code device} and waits for them; returns each HLOP's
     * partial result (null for calls that write outputs).
     *
     * @throws dev.shmt.api.ShmtExecutionException when the device fails an HLOP
     */
    Object[] runAllOn(QueueView device, VopCall call, List<Region> regions);
}
