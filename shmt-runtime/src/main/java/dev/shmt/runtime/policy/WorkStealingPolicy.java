package dev.shmt.runtime.policy;

import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.sched.DeviceQueue;
import dev.shmt.runtime.sched.Hlop;
import dev.shmt.runtime.sched.Plan;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code ws}, section 3.4: starts from the even plan; an idle device takes an unprocessed HLOP from the
 * far end of the device with the most pending, so faster devices end up with more of the work.
 */
public final class WorkStealingPolicy implements Policy {
    @Override
    public String name() {
        return "ws";
    }

    @Override
    public Plan plan(VopCall call, List<Region> regions, List<DeviceQueue> eligible) {
        return new Plan(EvenPolicy.roundRobin(regions.size(), eligible.size()), 0);
    }

    @Override
    public Hlop steal(DeviceQueue thief, List<DeviceQueue> queues) {
        return stealFromFullest(thief, queues, victim -> true);
    }

    /**
     * The work-stealing step, for this policy and those built on it: from the fullest queue that
     * {@code mayRobFrom} accepts, the HLOP nearest its tail that {@code thief} may run.
     */
    static Hlop stealFromFullest(DeviceQueue thief, List<DeviceQueue> queues, Predicate<DeviceQueue> mayRobFrom) {
        // Fullest first; a victim holding nothing the thief may run is passed over for the next one.
        long tried = 0; // bit per queue index already tried; runtimes have far fewer than 64 devices
        while (true) {
            DeviceQueue victim = null;
            int victimIndex = -1;
            for (int i = 0; i < queues.size(); i++) {
                DeviceQueue q = queues.get(i);
                if (q != thief && (tried & (1L << i)) == 0 && q.pending() > 0 && mayRobFrom.test(q)
                        && (victim == null || q.pending() > victim.pending())) {
                    victim = q;
                    victimIndex = i;
                }
            }
            if (victim == null) {
                return null;
            }
            Hlop h = victim.stealLast(thief);
            if (h != null) {
                return h;
            }
            tried |= 1L << victimIndex;
        }
    }
}
