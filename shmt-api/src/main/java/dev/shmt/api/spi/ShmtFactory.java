package dev.shmt.api.spi;

import dev.shmt.api.PolicyInfo;
import dev.shmt.api.Shmt;
import java.util.List;

/**
 * How {@link Shmt#builder()} finds the runtime implementation without the API depending on it: the
 * runtime module registers one factory with {@link java.util.ServiceLoader}.
 */
public interface ShmtFactory {
    Shmt.Builder newBuilder();

    /**
     * The scheduling policies the runtime offers, its own and those that other modules on the class
     * path add, in the order help texts list them: the names {@link dev.shmt.api.PolicyName#parse} accepts.
     *
     * @throws IllegalStateException when two of the runtime's policy sources offer the same name
     */
    List<PolicyInfo> policies();
}
