package dev.shmt.runtime.policy;

import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.spi.Plan;
import dev.shmt.runtime.spi.Policy;
import dev.shmt.runtime.spi.QueueView;
import java.util.Arrays;
import java.util.List;

/** {@code single:<device>}: every HLOP on one device, the baseline the paper compares against. */
public final class SinglePolicy implements Policy {
    private final String device;

    public SinglePolicy(String device) {
        this.device = device;
    }

    public String device() {
        return device;
    }

    @Override
    public String name() {
        return "single:" + device;
    }

    @Override
    public Plan plan(VopCall call, List<Region> regions, List<QueueView> eligible) {
        for (int i = 0; i < eligible.size(); i++) {
            if (eligible.get(i).device().name().equals(device)) {
                int[] queueOf = new int[regions.size()];
                Arrays.fill(queueOf, i);
                return new Plan(queueOf, 0);
            }
        }
        throw new IllegalStateException("policy " + name() + ": device " + device + " cannot run " + call.name()
                + " (it has no implementation the device runs)");
    }
}
