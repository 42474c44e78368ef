package dev.shmt.runtime.policy;

import dev.shmt.api.PolicyName;
import dev.shmt.api.QawsSettings;
import dev.shmt.runtime.qaws.Sampler;
import dev.shmt.runtime.spi.Policy;
import dev.shmt.runtime.spi.Trials;
import java.util.Objects;

/** The policy a {@link PolicyName} selects (like StarPU's STARPU_SCHED). */
public final class Policies {
    private Policies() {}

    /**
     * The policy {@code name}; quality-aware ones take {@code settings}, the oracle runs its trials
     * through {@code trials}.
     */
    public static Policy create(PolicyName name, QawsSettings settings, Trials trials) {
        Objects.requireNonNull(name, "policy");
        Objects.requireNonNull(settings, "settings");
        switch (name.family()) {
            case SINGLE:
                return new SinglePolicy(name.device());
            case EVEN:
                return new EvenPolicy();
            case WS:
                return new WorkStealingPolicy();
            case QAWS:
                QawsPolicy.Assignment a = name.assignment() == 'l' ? QawsPolicy.Assignment.LIMITS
                        : QawsPolicy.Assignment.TOP_K;
                return new QawsPolicy(a, Sampler.forCode(name.sampler()), settings);
            case ORACLE:
                return new OraclePolicy(settings, trials);
            case RANDOM:
                return new RandomPolicy(settings);
            default:
                throw new IllegalArgumentException("policy " + name + " has no implementation");
        }
    }
}
