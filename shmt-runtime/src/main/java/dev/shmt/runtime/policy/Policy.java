package dev.shmt.runtime.policy;

import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.sched.DeviceQueue;
import dev.shmt.runtime.sched.Hlop;
import dev.shmt.runtime.sched.Plan;
import dev.shmt.runtime.sched.Trials;
import java.util.List;

/**
 * A scheduling policy as push and pop over the device queues: {@link #plan} pushes a call's HLOPs into
 * incoming queues, {@link #steal} lets an idle device pop from another's.
 */
public interface Policy {
    /** The name it was selected by. */
    String name();

    /**
     * The initial plan for a call's HLOPs over {@code eligible}, the devices that can run the call, in
     * the runtime's device order.
     */
    Plan plan(VopCall call, List<Region> regions, List<DeviceQueue> eligible);

    /**
     * What the scheduler calls: the plan, for policies that may first run trials of the call's HLOPs
     * on chosen devices. By default {@link #plan(VopCall, List, List)}.
     */
    default Plan plan(VopCall call, List<Region> regions, List<DeviceQueue> eligible, Trials trials) {
        return plan(call, regions, eligible);
    }

    /**
     * Called under the scheduler lock when {@code thief}'s incoming queue is empty: an HLOP to move to
     * it (taken with {@link DeviceQueue#stealLast}), or null to let it wait.
     */
    default Hlop steal(DeviceQueue thief, List<DeviceQueue> queues) {
        return null;
    }
}
