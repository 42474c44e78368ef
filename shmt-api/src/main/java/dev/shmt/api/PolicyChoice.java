package dev.shmt.api;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a policy that chooses a configuration per call ({@code adaptive}) ran for one call, and why. The
 * reason is written when first read: the policy decides on every call, and most reports are never printed.
 */
public final class PolicyChoice {
    private final String configuration;
    private final boolean exploring;
    private final double baseline;
    private final int toTry;
    private Supplier<String> reason;
    private String why;

    /**
     * @param configuration the devices, the policy among them and the tile size, as in {@code cpu+npu (ws),
     *     tile x2} or {@code cpu alone}
     * @param exploring true when the call tried a configuration to learn its cost; false when it ran the
     *     best one known
     * @param why the reason, in words: the estimate and budget of an exploration, or what the best one took
     * @param baseline what the best known configuration took, in the objective's unit (nanoseconds, joules
     *     or joule-seconds), when the call was planned; NaN when nothing was known yet
     * @param toTry configurations it still means to try (some waiting for budget); 0 once it has settled
     */
    public PolicyChoice(String configuration, boolean exploring, Supplier<String> why, double baseline, int toTry) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.reason = Objects.requireNonNull(why, "why");
        this.exploring = exploring;
        this.baseline = baseline;
        this.toTry = toTry;
    }

    public PolicyChoice(String configuration, boolean exploring, String why, double baseline, int toTry) {
        this(configuration, exploring, () -> Objects.requireNonNull(why, "why"), baseline, toTry);
    }

    public String configuration() {
        return configuration;
    }

    public boolean exploring() {
        return exploring;
    }

    public double baseline() {
        return baseline;
    }

    /** Configurations it still means to try, some waiting for budget: 0 once what it learned has settled. */
    public int toTry() {
        return toTry;
    }

    /** The reason, in words. */
    public synchronized String why() {
        if (why == null) {
            why = reason.get();
            reason = null;
        }
        return why;
    }

    @Override
    public String toString() {
        return (exploring ? "exploring " : "exploiting ") + configuration + ": " + why();
    }
}
