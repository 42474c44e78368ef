package dev.shmt.runtime.policy;

import dev.shmt.api.PolicyInfo;
import dev.shmt.api.PolicyName;
import dev.shmt.runtime.spi.Policy;
import dev.shmt.runtime.spi.PolicyConfig;
import dev.shmt.runtime.spi.PolicyProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The policies on the class path (like StarPU's STARPU_SCHED, but open): every {@link PolicyProvider}
 * that {@link ServiceLoader} finds, the {@link BuiltInPolicies} first and the others in class-path
 * order. It says which names parse and which provider creates each.
 */
public final class Policies {
    private static final System.Logger LOG = System.getLogger(Policies.class.getName());
    /** Found on first use; a failed look-up (two providers of one name) is not kept, so it fails each time. */
    private static volatile Policies installed;

    private final Map<String, PolicyProvider> providers;
    private final List<PolicyInfo> offered;

    private Policies(Map<String, PolicyProvider> providers, List<PolicyInfo> offered) {
        this.providers = providers;
        this.offered = offered;
    }

    /**
     * The policies the class path offers. A provider whose class cannot be loaded is logged and left out,
     * as a broken device module is.
     *
     * @throws IllegalStateException when two providers offer the same name
     */
    public static Policies installed() {
        Policies p = installed;
        if (p == null) {
            p = of(load());
            installed = p;
        }
        return p;
    }

    /**
     * The policies {@code providers} offer, in their order.
     *
     * @throws IllegalStateException naming both providers when two offer the same name
     */
    public static Policies of(List<? extends PolicyProvider> providers) {
        Map<String, PolicyProvider> byName = new LinkedHashMap<>();
        List<PolicyInfo> offered = new ArrayList<>();
        for (PolicyProvider p : providers) {
            for (PolicyInfo info : Objects.requireNonNull(p.policies(), "policies of " + p.getClass().getName())) {
                PolicyProvider first = byName.putIfAbsent(info.name(), p);
                if (first != null) {
                    throw new IllegalStateException("policy '" + info.name() + "' is offered twice, by "
                            + first.getClass().getName() + " and by " + p.getClass().getName()
                            + "; a name must have one provider: take one of them off the class path");
                }
                offered.add(info);
            }
        }
        return new Policies(byName, List.copyOf(offered));
    }

    private static List<PolicyProvider> load() {
        List<PolicyProvider> found = new ArrayList<>();
        Iterator<PolicyProvider> it = ServiceLoader.load(PolicyProvider.class, Policies.class.getClassLoader())
                .iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                PolicyProvider p = it.next();
                // The built-in names come first in every list, whatever the class path's order.
                found.add(p instanceof BuiltInPolicies ? 0 : found.size(), p);
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "a policy provider could not be loaded", e);
            }
        }
        return found;
    }

    /** Every policy offered, in the order help texts list them. */
    public List<PolicyInfo> offered() {
        return offered;
    }

    /**
     * The policy {@code name} selects among {@link #offered()}.
     *
     * @throws IllegalArgumentException naming {@code policy} for a name not offered, listing those offered
     */
    public PolicyName parse(String name) {
        return PolicyName.parse(name, offered);
    }

    /**
     * Checks that {@code name} is offered, with an argument exactly when its policy takes one.
     *
     * @throws IllegalArgumentException as {@link #parse} does
     */
    public PolicyName check(PolicyName name) {
        Objects.requireNonNull(name, "policy");
        // Through the parser, so a name built by hand is refused with the same message as a typed one.
        parse(name.toString());
        return name;
    }

    /**
     * A new policy for {@code name}, from the provider that offers it.
     *
     * @throws IllegalArgumentException when {@code name} is not offered
     */
    public Policy create(PolicyName name, PolicyConfig config) {
        check(name);
        Objects.requireNonNull(config, "config");
        PolicyProvider p = providers.get(name.name());
        Policy policy = p.create(name, config);
        if (policy == null) {
            throw new IllegalStateException("policy provider " + p.getClass().getName() + " created no policy for "
                    + name);
        }
        return policy;
    }
}
