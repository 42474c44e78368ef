package dev.shmt.runtime.policy;

import dev.shmt.runtime.qaws.QawsSettings;
import dev.shmt.runtime.qaws.Sampler;
import java.util.Objects;

/** Policies by name, as users select them (like StarPU's STARPU_SCHED). */
public final class Policies {
    /** The names {@link #byName} knows, for messages and help. */
    public static final String NAMES = "single:<device>, even, ws, qaws-ls, qaws-lu, qaws-lr, qaws-ts, qaws-tu, "
            + "qaws-tr, oracle, random";

    private Policies() {}

    /** The policy {@code name} with the default QAWS settings. */
    public static Policy byName(String name) {
        return byName(name, QawsSettings.DEFAULTS);
    }

    /** The policy {@code name}; quality-aware ones take {@code settings}. */
    public static Policy byName(String name, QawsSettings settings) {
        Objects.requireNonNull(name, "policy");
        Objects.requireNonNull(settings, "settings");
        String n = name.trim();
        if (n.startsWith("single:") && n.length() > "single:".length()) {
            return new SinglePolicy(n.substring("single:".length()));
        }
        if (n.matches("qaws-[lt][sur]")) {
            QawsPolicy.Assignment a = n.charAt(5) == 'l' ? QawsPolicy.Assignment.LIMITS : QawsPolicy.Assignment.TOP_K;
            return new QawsPolicy(a, Sampler.forCode(n.charAt(6)), settings);
        }
        switch (n) {
            case "even":
                return new EvenPolicy();
            case "ws":
                return new WorkStealingPolicy();
            case "oracle":
                return new OraclePolicy(settings);
            case "random":
                return new RandomPolicy(settings);
            default:
                throw new IllegalArgumentException("policy '" + name + "' is unknown; expected one of " + NAMES);
        }
    }
}
