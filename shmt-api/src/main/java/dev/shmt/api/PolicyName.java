package dev.shmt.api;

import java.util.List;
import java.util.Objects;

/**
 * A scheduling policy's name, parsed once: the policy's own name and, for a policy that takes one, the
 * argument after the first colon ({@code single:cpu} is {@code single} with argument {@code cpu}).
 * Which names exist is not fixed here: the runtime's policy providers offer them ({@link #known()}),
 * the built-in ones ({@link #NAMES}) and any that other modules on the class path add. Builders, the
 * bench and reports all take this type, so no one else splits policy strings.
 *
 * @param name the policy's name, without the argument: {@code ws}, {@code qaws-ts}, {@code single}
 * @param argument what follows the colon, for a policy that takes an argument; null otherwise
 */
public record PolicyName(String name, String argument) {
    /**
     * The names of the policies every runtime ships, for help texts that must be constants
     * (annotations); {@link #known()} lists every policy the class path offers.
     */
    public static final String NAMES = "single:<device>, even, ws, qaws-ls, qaws-lu, qaws-lr, qaws-ts, qaws-tu, "
            + "qaws-tr, adaptive, oracle, random";
    public static final PolicyName WS = new PolicyName("ws", null);

    /** The policy that runs every HLOP on the device its argument names. */
    private static final String SINGLE = "single";

    /**
     * Checks the form of a name only; whether a provider offers it is for {@link #parse} and the runtime.
     *
     * @throws IllegalArgumentException naming {@code policy} for an empty name, one with a colon or a
     *     blank, or an empty argument
     */
    public PolicyName {
        checkName(name);
        if (argument != null && argument.isEmpty()) {
            throw new IllegalArgumentException("policy " + name + ": the argument after the colon is empty");
        }
    }

    /**
     * The policy {@code name} selects among those the runtime on the class path offers; surrounding
     * blanks are ignored.
     *
     * @throws IllegalArgumentException naming {@code policy} for a name no policy has, listing those it has
     * @throws IllegalStateException when no runtime is on the class path
     */
    public static PolicyName parse(String name) {
        Objects.requireNonNull(name, "policy");
        return parse(name, known());
    }

    /**
     * The policy {@code name} selects among {@code known}: a policy that takes an argument needs one
     * after a colon, one that does not takes none.
     *
     * @throws IllegalArgumentException naming {@code policy} for a name not in {@code known}, listing them
     */
    public static PolicyName parse(String name, List<PolicyInfo> known) {
        Objects.requireNonNull(name, "policy");
        Objects.requireNonNull(known, "known");
        String n = name.trim();
        int colon = n.indexOf(':');
        String base = colon < 0 ? n : n.substring(0, colon);
        String argument = colon < 0 ? null : n.substring(colon + 1);
        for (PolicyInfo p : known) {
            if (p.name().equals(base) && p.takesArgument() == (argument != null)
                    && (argument == null || !argument.isEmpty())) {
                return new PolicyName(base, argument);
            }
        }
        StringBuilder list = new StringBuilder();
        for (PolicyInfo p : known) {
            list.append(list.length() == 0 ? "" : ", ").append(p);
        }
        throw new IllegalArgumentException("policy '" + name + "' is unknown; expected one of " + list);
    }

    /**
     * Every policy the runtime on the class path offers, built-in ones first, in the order help texts
     * list them.
     *
     * @throws IllegalStateException when no runtime is on the class path, or two of its policy providers
     *     offer the same name
     */
    public static List<PolicyInfo> known() {
        return RuntimeLookup.factory().policies();
    }

    /** {@code single:<device>}. */
    public static PolicyName single(String device) {
        return new PolicyName(SINGLE, Objects.requireNonNull(device, "device"));
    }

    /** True for {@code single:<device>}, the baseline that runs every HLOP on one device. */
    public boolean isSingle() {
        return SINGLE.equals(name);
    }

    /** For {@code single:<device>}, the device every HLOP runs on; null otherwise. */
    public String device() {
        return isSingle() ? argument : null;
    }

    /** The name as users write it: {@code ws}, {@code single:cpu}. */
    @Override
    public String toString() {
        return argument == null ? name : name + ":" + argument;
    }

    /** A policy's name: not empty, no colon (it starts the argument), no blanks. */
    static void checkName(String name) {
        Objects.requireNonNull(name, "policy");
        if (name.isEmpty() || name.contains(":") || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("policy name must be a word without colon or blanks, got '" + name
                    + "'");
        }
    }
}
