package dev.shmt.runtime.policy;

import java.util.Objects;

/** Policies by name, as users select them (like StarPU's STARPU_SCHED). */
public final class Policies {
    /** The names {@link #byName} knows, for messages and help. */
    public static final String NAMES = "single:<device>, even, ws";

    private Policies() {}

    public static Policy byName(String name) {
        Objects.requireNonNull(name, "policy");
        String n = name.trim();
        if (n.startsWith("single:") && n.length() > "single:".length()) {
            return new SinglePolicy(n.substring("single:".length()));
        }
        switch (n) {
            case "even":
                return new EvenPolicy();
            case "ws":
                return new WorkStealingPolicy();
            default:
                throw new IllegalArgumentException("policy '" + name + "' is unknown; expected one of " + NAMES);
        }
    }
}
