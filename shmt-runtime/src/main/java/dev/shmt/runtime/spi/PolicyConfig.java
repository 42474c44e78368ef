package dev.shmt.runtime.spi;

import dev.shmt.api.AdaptiveSettings;
import dev.shmt.api.EnergyMeters;
import dev.shmt.api.QawsSettings;
import java.util.Objects;

/**
 * What the runtime hands a {@link PolicyProvider} when it creates a policy.
 *
 * @param qaws the quality-aware settings (K, sampling rate, window, seed) the builder was given
 * @param trials runs a call's HLOPs on one device before the plan, for policies that measure rather than
 *     sample ({@code oracle})
 * @param adaptive how a policy that learns configurations ({@code adaptive}) learns
 * @param energy the runtime's energy meters ({@link EnergyMeters#OFF} when energy is off), for policies
 *     that weigh energy
 */
public record PolicyConfig(QawsSettings qaws, Trials trials, AdaptiveSettings adaptive, EnergyMeters energy) {
    public PolicyConfig {
        Objects.requireNonNull(qaws, "qaws");
        Objects.requireNonNull(trials, "trials");
        Objects.requireNonNull(adaptive, "adaptive");
        Objects.requireNonNull(energy, "energy");
    }

    /** Default adaptive settings, energy off. */
    public PolicyConfig(QawsSettings qaws, Trials trials) {
        this(qaws, trials, AdaptiveSettings.DEFAULTS, EnergyMeters.OFF);
    }
}
