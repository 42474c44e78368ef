package dev.shmt.cli;

import dev.shmt.api.PolicyInfo;
import dev.shmt.api.PolicyName;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.spi.Plan;
import dev.shmt.runtime.spi.Policy;
import dev.shmt.runtime.spi.PolicyConfig;
import dev.shmt.runtime.spi.PolicyProvider;
import dev.shmt.runtime.spi.QueueView;
import java.util.List;

/**
 * A policy written the way a user of the SDK would, outside the runtime module: {@code round-robin} gives
 * the i-th HLOP of a call to eligible device i mod n and steals nothing. Its {@link Provider} is registered in
 * this module's test resources ({@code META-INF/services/dev.shmt.runtime.spi.PolicyProvider}), which is all
 * it takes for {@code policy("round-robin")} and {@code ./shmt bench --policy round-robin} to find it.
 */
public final class RoundRobinPolicy implements Policy {
    static final String NAME = "round-robin";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Plan plan(VopCall call, List<Region> regions, List<QueueView> eligible) {
        int[] deviceOf = new int[regions.size()];
        for (int i = 0; i < deviceOf.length; i++) {
            deviceOf[i] = i % eligible.size();
        }
        return new Plan(deviceOf, 0);
    }

    /** Offers the policy by name. */
    public static final class Provider implements PolicyProvider {
        @Override
        public List<PolicyInfo> policies() {
            return List.of(new PolicyInfo(NAME, null, "the i-th HLOP of a call on device i mod n"));
        }

        @Override
        public Policy create(PolicyName name, PolicyConfig config) {
            return new RoundRobinPolicy();
        }
    }
}
