package dev.shmt.runtime.policy;

import com.google.auto.service.AutoService;
import dev.shmt.api.PolicyInfo;
import dev.shmt.api.PolicyName;
import dev.shmt.runtime.policy.adaptive.AdaptivePolicy;
import dev.shmt.runtime.qaws.Sampler;
import dev.shmt.runtime.spi.Policy;
import dev.shmt.runtime.spi.PolicyConfig;
import dev.shmt.runtime.spi.PolicyProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The policies every runtime ships, offered like any other provider's: {@code single:<device>},
 * {@code even}, {@code ws}, the six {@code qaws-<assignment><sampler>} and the evaluation tools
 * {@code oracle} and {@code random}, in the order {@link PolicyName#NAMES} lists them.
 */
@AutoService(PolicyProvider.class)
public final class BuiltInPolicies implements PolicyProvider {
    private static final Map<String, Offer> OFFERS = offers();

    private record Offer(PolicyInfo info, BiFunction<PolicyName, PolicyConfig, Policy> create) {}

    private static Map<String, Offer> offers() {
        List<Offer> all = new ArrayList<>();
        all.add(new Offer(new PolicyInfo("single", "device", "every HLOP on the named device: the baseline the"
                + " paper compares against"), (n, c) -> new SinglePolicy(n.argument())));
        all.add(new Offer(new PolicyInfo("even", null, "HLOPs dealt round robin over the devices, never moved"),
                (n, c) -> new EvenPolicy()));
        all.add(new Offer(new PolicyInfo("ws", null, "work stealing (section 3.4): an idle device takes HLOPs"
                + " from the tail of the fullest queue"), (n, c) -> new WorkStealingPolicy()));
        for (QawsPolicy.Assignment a : QawsPolicy.Assignment.values()) {
            for (char s : "sur".toCharArray()) {
                all.add(new Offer(new PolicyInfo("qaws-" + a.code() + s, null, "quality-aware work stealing"
                        + " (section 3.5): " + (a == QawsPolicy.Assignment.LIMITS ? "device limits" : "top-K")
                        + ", " + (s == 's' ? "striding" : s == 'u' ? "uniform random" : "reduction") + " sampling"),
                        (n, c) -> new QawsPolicy(a, Sampler.forCode(s), c.qaws())));
            }
        }
        all.add(new Offer(new PolicyInfo(AdaptivePolicy.NAME, null, "learns per VOP and size which devices and tile"
                + " size to run, exploring within a budget (Shmt.Builder.adaptive)"),
                (n, c) -> new AdaptivePolicy(c.adaptive(), Policies.installed().create(c.adaptive().within(), c),
                        c.energy())));
        all.add(new Offer(new PolicyInfo("oracle", null, "evaluation only: the paper's Oracle, which runs every"
                + " HLOP on two devices first"), (n, c) -> new OraclePolicy(c.qaws(), c.trials())));
        all.add(new Offer(new PolicyInfo("random", null, "evaluation only: critical HLOPs drawn at random"),
                (n, c) -> new RandomPolicy(c.qaws())));
        Map<String, Offer> byName = new LinkedHashMap<>();
        for (Offer o : all) {
            byName.put(o.info().name(), o);
        }
        return byName;
    }

    @Override
    public List<PolicyInfo> policies() {
        return OFFERS.values().stream().map(Offer::info).toList();
    }

    @Override
    public Policy create(PolicyName name, PolicyConfig config) {
        Offer o = OFFERS.get(name.name());
        if (o == null) {
            throw new IllegalArgumentException("policy " + name + " is not a built-in one");
        }
        return o.create().apply(name, config);
    }
}
