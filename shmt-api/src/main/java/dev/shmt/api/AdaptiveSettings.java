package dev.shmt.api;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * How the {@code adaptive} policy learns, given to {@link Shmt.Builder#adaptive}. Per VOP and size class
 * it tries configurations (each device alone, subsets, all devices, the tile size halved and doubled),
 * measures each call as a whole, and runs the best one; it explores the others only while the time (or
 * energy) spent exploring stays within {@code alpha} of what the best known configuration would have
 * taken, and explores again when the configuration it runs drifts outside its usual spread.
 *
 * @param objective what a configuration is judged by
 * @param alpha the exploration budget as a share of the best known configuration's cost (0 never explores
 *     once something has run; 0.05 by default)
 * @param within the policy that runs a configuration of several devices: {@code ws}, or a quality-aware
 *     one ({@code qaws-ts}) when quality matters, which also keeps approximate devices from running a
 *     call alone
 * @param cache the folder where what was learned is kept between runs; null keeps nothing
 * @param fresh whether to ignore what the cache holds (it is still written)
 */
public record AdaptiveSettings(Objective objective, double alpha, PolicyName within, Path cache, boolean fresh) {
    /** What a configuration is judged by. */
    public enum Objective {
        /** The call's wall time. */
        TIME,
        /** The call's energy, as the runtime's meters saw it ({@link Report#energy()}): needs energy on. */
        ENERGY,
        /** Energy times time (the energy-delay product): needs energy on. */
        EDP;

        /** As users write it: {@code time}, {@code energy}, {@code edp}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException naming {@code objective} and the values it takes */
        public static Objective parse(String code) {
            for (Objective o : values()) {
                if (o.code().equals(Objects.requireNonNull(code, "objective").strip().toLowerCase(Locale.ROOT))) {
                    return o;
                }
            }
            throw new IllegalArgumentException("objective: expected time, energy or edp, got '" + code + "'");
        }
    }

    public static final double DEFAULT_ALPHA = 0.05;

    /**
     * Time, alpha 5%, {@code ws} within a configuration, kept in {@link #defaultCache()}, starting from what
     * it holds unless {@link #defaultFresh()}.
     */
    public static final AdaptiveSettings DEFAULTS = new AdaptiveSettings(Objective.TIME, DEFAULT_ALPHA, PolicyName.WS,
            defaultCache(), defaultFresh());

    public AdaptiveSettings {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(within, "within");
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha: expected a share from 0 to 1 (0.05 = 5%), got " + alpha);
        }
        if (within.argument() != null || within.name().equals("adaptive")) {
            throw new IllegalArgumentException("within: expected a policy of several devices that takes no argument"
                    + " (ws, qaws-ts, ...), got " + within);
        }
    }

    /**
     * Whether learning starts from nothing by default, whatever the cache holds: the system property
     * {@code shmt.adaptive.fresh} or else the environment variable {@code SHMT_ADAPTIVE_FRESH} set to
     * {@code true}. For runs that must not depend on earlier ones (the build's tests, a benchmark).
     */
    public static boolean defaultFresh() {
        String v = System.getProperty("shmt.adaptive.fresh");
        if (v == null || v.isBlank()) {
            v = System.getenv("SHMT_ADAPTIVE_FRESH");
        }
        return v != null && v.strip().equalsIgnoreCase("true");
    }

    /**
     * {@code $SHMT_CACHE/adaptive} when {@code SHMT_CACHE} is set, else {@code $XDG_CACHE_HOME/shmt/adaptive},
     * else {@code ~/.cache/shmt/adaptive}; the system property {@code shmt.cache} overrides all three.
     */
    public static Path defaultCache() {
        String base = System.getProperty("shmt.cache");
        if (base == null || base.isBlank()) {
            base = System.getenv("SHMT_CACHE");
        }
        if (base != null && !base.isBlank()) {
            return Path.of(base, "adaptive");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "shmt", "adaptive")
                : Path.of(System.getProperty("user.home"), ".cache", "shmt", "adaptive");
    }

    public AdaptiveSettings withObjective(Objective objective) {
        return new AdaptiveSettings(objective, alpha, within, cache, fresh);
    }

    public AdaptiveSettings withAlpha(double alpha) {
        return new AdaptiveSettings(objective, alpha, within, cache, fresh);
    }

    /** These settings with {@code policy} running configurations of several devices ({@code ws}, {@code qaws-ts}). */
    public AdaptiveSettings within(String policy) {
        return new AdaptiveSettings(objective, alpha, new PolicyName(policy.strip(), null), cache, fresh);
    }

    /** These settings keeping what was learned in {@code folder}. */
    public AdaptiveSettings withCache(Path folder) {
        return new AdaptiveSettings(objective, alpha, within, Objects.requireNonNull(folder, "cache"), fresh);
    }

    /** These settings keeping nothing between runs. */
    public AdaptiveSettings withoutCache() {
        return new AdaptiveSettings(objective, alpha, within, null, fresh);
    }

    /** These settings starting from nothing, whatever the cache holds (what is learned is still kept). */
    public AdaptiveSettings fresh(boolean fresh) {
        return new AdaptiveSettings(objective, alpha, within, cache, fresh);
    }
}
