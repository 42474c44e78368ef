package dev.shmt.runtime.testing;

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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only: {@code round-robin}, a policy from outside the runtime. HLOPs are dealt to the eligible
 * devices in turn, carrying on from one call to the next (so, unlike {@code even}, a call may start on
 * any device), and never stolen. Self-contained with its {@link Provider}, which
 * {@code src/test/resources/META-INF/services/dev.shmt.runtime.spi.PolicyProvider} registers, so it can be
 * copied into another module's tests as is.
 */
public final class RoundRobin implements Policy {
    public static final String NAME = "round-robin";

    /** The turn of the next HLOP, over every call of the runtime. */
    private final AtomicInteger turn = new AtomicInteger();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Plan plan(VopCall call, List<Region> regions, List<QueueView> eligible) {
        int[] queueOf = new int[regions.size()];
        for (int i = 0; i < queueOf.length; i++) {
            queueOf[i] = Math.floorMod(turn.getAndIncrement(), eligible.size());
        }
        return new Plan(queueOf, 0);
    }

    /** Offers {@code round-robin} by name, a new policy per runtime. */
    public static final class Provider implements PolicyProvider {
        @Override
        public List<PolicyInfo> policies() {
            return List.of(new PolicyInfo(NAME, null, "HLOPs dealt to the devices in turn, from call to call"));
        }

        @Override
        public Policy create(PolicyName name, PolicyConfig config) {
            return new RoundRobin();
        }
    }
}
