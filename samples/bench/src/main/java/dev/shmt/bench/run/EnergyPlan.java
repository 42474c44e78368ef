package dev.shmt.bench.run;

/**
 * Whether the bench measures energy, and its idle baseline.
 *
 * @param on whether each run's energy is measured (every runtime built with energy on)
 * @param idleSeconds how long idle power is measured before the first round; 0 for no baseline
 * @param why when off, why (no meter works here, or {@code --no-energy}); null when on
 */
public record EnergyPlan(boolean on, double idleSeconds, String why) {
    public EnergyPlan {
        if (!(idleSeconds >= 0) || idleSeconds > 300) {
            throw new IllegalArgumentException("--idle-seconds must be a number from 0 to 300, got " + idleSeconds);
        }
    }

    /** Off, saying why. */
    public static EnergyPlan off(String why) {
        return new EnergyPlan(false, 0, why);
    }
}
