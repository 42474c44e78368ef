package dev.shmt.api.spi;

import dev.shmt.api.Shmt;

/**
 * How {@link Shmt#builder()} finds the runtime implementation without the API depending on it: the
 * runtime module registers one factory with {@link java.util.ServiceLoader}.
 */
public interface ShmtFactory {
    Shmt.Builder newBuilder();
}
