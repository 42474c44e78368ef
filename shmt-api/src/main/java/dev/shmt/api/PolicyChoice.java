package dev.shmt.api;

/**
 * What a policy that chooses a configuration per call ({@code adaptive}) ran for one call, and why.
 *
 * @param configuration the devices, the policy among them and the tile size, as in {@code cpu+npu ws, tile
 *     128x128} or {@code cpu alone, tile 256x256}
 * @param exploring true when the call tried a configuration to learn its cost; false when it ran the best
 *     one known
 * @param why the reason, in words: the estimate and budget of an exploration, or what the best one took
 * @param baseline what the best known configuration took, in the objective's unit (nanoseconds, joules or
 *     joule-seconds), when the call was planned; NaN when nothing was known yet
 */
public record PolicyChoice(String configuration, boolean exploring, String why, double baseline) {
    public PolicyChoice {
        java.util.Objects.requireNonNull(configuration, "configuration");
        java.util.Objects.requireNonNull(why, "why");
    }

    @Override
    public String toString() {
        return (exploring ? "exploring " : "exploiting ") + configuration + ": " + why;
    }
}
