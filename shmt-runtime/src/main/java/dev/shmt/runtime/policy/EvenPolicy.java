package dev.shmt.runtime.policy;

import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.spi.Plan;
import dev.shmt.runtime.spi.Policy;
import dev.shmt.runtime.spi.QueueView;
import java.util.List;

/** {@code even}: HLOPs dealt round robin over the devices, never moved. The paper's "even distribution". */
public final class EvenPolicy implements Policy {
    @Override
    public String name() {
        return "even";
    }

    @Override
    public Plan plan(VopCall call, List<Region> regions, List<QueueView> eligible) {
        return new Plan(roundRobin(regions.size(), eligible.size()), 0);
    }

    static int[] roundRobin(int hlops, int devices) {
        int[] queueOf = new int[hlops];
        for (int i = 0; i < hlops; i++) {
            queueOf[i] = i % devices;
        }
        return queueOf;
    }
}
