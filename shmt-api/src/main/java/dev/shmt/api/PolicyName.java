package dev.shmt.api;

import java.util.Objects;

/**
 * A scheduling policy's name, parsed once: {@code single:<device>}, {@code even}, {@code ws}, the
 * quality-aware {@code qaws-<assignment><sampler>} ({@code l} device limits or {@code t} top-K, then
 * {@code s} striding, {@code u} uniform or {@code r} reduction sampling), and the evaluation tools
 * {@code oracle} and {@code random}. Builders, the bench and reports all take this type, so no one else
 * splits policy strings.
 *
 * @param family which policy
 * @param device for {@link Family#SINGLE}, the device every HLOP runs on; null otherwise
 * @param assignment for {@link Family#QAWS}, {@code 'l'} or {@code 't'}; 0 otherwise
 * @param sampler for {@link Family#QAWS}, {@code 's'}, {@code 'u'} or {@code 'r'}; 0 otherwise
 */
public record PolicyName(Family family, String device, char assignment, char sampler) {
    /** The names {@link #parse} knows, for messages and help. */
    public static final String NAMES = "single:<device>, even, ws, qaws-ls, qaws-lu, qaws-lr, qaws-ts, qaws-tu, "
            + "qaws-tr, oracle, random";
    public static final PolicyName WS = new PolicyName(Family.WS, null, (char) 0, (char) 0);

    /** The policies by what they do. */
    public enum Family {
        /** Every HLOP on one device: the baseline the paper compares against. */
        SINGLE,
        /** Round robin, never moved. */
        EVEN,
        /** Work stealing (section 3.4). */
        WS,
        /** Quality-aware work stealing (section 3.5). */
        QAWS,
        /** The paper's Oracle: an evaluation tool that runs every HLOP twice first. */
        ORACLE,
        /** Chance, measured: an evaluation tool. */
        RANDOM
    }

    public PolicyName {
        Objects.requireNonNull(family, "family");
        if ((family == Family.SINGLE) != (device != null && !device.isEmpty())) {
            throw new IllegalArgumentException("policy: a device name goes with single:<device> and only there");
        }
        if (family == Family.QAWS ? "lt".indexOf(assignment) < 0 || "sur".indexOf(sampler) < 0
                : assignment != 0 || sampler != 0) {
            throw new IllegalArgumentException("policy: qaws takes an assignment (l, t) and a sampler (s, u, r),"
                    + " other policies neither");
        }
    }

    /**
     * The policy {@code name} selects; surrounding blanks are ignored.
     *
     * @throws IllegalArgumentException naming {@code policy} for a name not in {@link #NAMES}
     */
    public static PolicyName parse(String name) {
        Objects.requireNonNull(name, "policy");
        String n = name.trim();
        if (n.startsWith("single:") && n.length() > "single:".length()) {
            return single(n.substring("single:".length()));
        }
        if (n.matches("qaws-[lt][sur]")) {
            return new PolicyName(Family.QAWS, null, n.charAt(5), n.charAt(6));
        }
        switch (n) {
            case "even":
                return new PolicyName(Family.EVEN, null, (char) 0, (char) 0);
            case "ws":
                return WS;
            case "oracle":
                return new PolicyName(Family.ORACLE, null, (char) 0, (char) 0);
            case "random":
                return new PolicyName(Family.RANDOM, null, (char) 0, (char) 0);
            default:
                throw new IllegalArgumentException("policy '" + name + "' is unknown; expected one of " + NAMES);
        }
    }

    /** {@code single:<device>}. */
    public static PolicyName single(String device) {
        return new PolicyName(Family.SINGLE, Objects.requireNonNull(device, "device"), (char) 0, (char) 0);
    }

    public boolean isSingle() {
        return family == Family.SINGLE;
    }

    /** True for the policies that score HLOPs and keep critical ones on precise devices. */
    public boolean qualityAware() {
        return family == Family.QAWS || family == Family.ORACLE || family == Family.RANDOM;
    }

    /** The name as users write it. */
    @Override
    public String toString() {
        switch (family) {
            case SINGLE:
                return "single:" + device;
            case QAWS:
                return "qaws-" + assignment + sampler;
            default:
                return family.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
