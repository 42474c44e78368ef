package dev.shmt.runtime.spi;

import dev.shmt.api.QawsSettings;
import java.util.Objects;

/**
 * What the runtime hands a {@link PolicyProvider} when it creates a policy.
 *
 * @param qaws the quality-aware settings (K, sampling rate, window, seed) the builder was given
 * @param trials runs a call's HLOPs on one device before the plan, for policies that measure rather than
 *     sample ({@code oracle})
 */
public record PolicyConfig(QawsSettings qaws, Trials trials) {
    public PolicyConfig {
        Objects.requireNonNull(qaws, "qaws");
        Objects.requireNonNull(trials, "trials");
    }
}
