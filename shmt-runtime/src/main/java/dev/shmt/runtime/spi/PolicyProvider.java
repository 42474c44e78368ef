package dev.shmt.runtime.spi;

import dev.shmt.api.PolicyInfo;
import dev.shmt.api.PolicyName;
import java.util.List;

/**
 * Found with {@link java.util.ServiceLoader}, as {@link DeviceProvider} is: register one with
 * {@code @AutoService(PolicyProvider.class)} or a line naming the class in
 * {@code META-INF/services/dev.shmt.runtime.spi.PolicyProvider}. The runtime's own policies come from
 * one too, so a provider's policies are named, parsed and run exactly as the built-in ones. A name may
 * be offered by one provider only: a second one stops runtimes from being built, naming both.
 */
public interface PolicyProvider {
    /** The policies it offers, in the order help texts list them. */
    List<PolicyInfo> policies();

    /**
     * A new policy for one runtime: {@code name} is one of {@link #policies()}, with an argument exactly
     * when that policy takes one. Its {@link Policy#name()} should be {@code name} as users write it: reports
     * carry it.
     *
     * @throws IllegalArgumentException naming the argument when the policy cannot take it
     */
    Policy create(PolicyName name, PolicyConfig config);
}
