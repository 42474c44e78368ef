package dev.shmt.bench.results;

import dev.shmt.api.PolicyName;

/**
 * A row's label in the bench's results: a policy name with its {@code @K} if any, the bare CPU kernel,
 * or a library ({@code lib:NAME}).
 */
public final class RowLabel {
    /** The row of the CPU kernel run without the runtime. */
    public static final String BARE_CPU = "bare:cpu";

    private RowLabel() {}

    /** The policy a row's label names, without its {@code @K}. */
    public static String basePolicy(String label) {
        int at = label.indexOf('@');
        return at < 0 ? label : label.substring(0, at);
    }

    /** The policy of a row's label; null for rows that are no policy (the bare kernel, libraries). */
    public static PolicyName nameOf(String label) {
        return label.equals(BARE_CPU) || label.startsWith("lib:") ? null : PolicyName.parse(basePolicy(label));
    }
}
