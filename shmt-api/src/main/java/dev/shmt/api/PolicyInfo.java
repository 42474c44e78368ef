package dev.shmt.api;

import java.util.Objects;

/**
 * One scheduling policy a runtime offers, as its provider describes it: what {@link PolicyName#parse}
 * accepts and help texts list.
 *
 * @param name what users write, before any colon: {@code ws}, {@code single}
 * @param argument what the argument after the colon names, for a policy that takes one ({@code device}
 *     for {@code single:<device>}); null for a policy that takes none
 * @param description what it does, in one line
 */
public record PolicyInfo(String name, String argument, String description) {
    public PolicyInfo {
        PolicyName.checkName(name);
        if (argument != null && (argument.isBlank() || argument.contains(":"))) {
            throw new IllegalArgumentException("policy " + name + ": argument must be null (none) or a word such as"
                    + " 'device', got '" + argument + "'");
        }
        Objects.requireNonNull(description, "description");
        if (description.isBlank() || description.contains("\n")) {
            throw new IllegalArgumentException("policy " + name + ": description must be one line, got '"
                    + description + "'");
        }
    }

    /** Whether the policy is written {@code name:<argument>}. */
    public boolean takesArgument() {
        return argument != null;
    }

    /** As help texts list it: {@code ws}, {@code single:<device>}. */
    @Override
    public String toString() {
        return argument == null ? name : name + ":<" + argument + ">";
    }
}
