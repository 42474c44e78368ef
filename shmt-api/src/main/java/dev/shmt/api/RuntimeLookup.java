package dev.shmt.api;

import dev.shmt.api.spi.ShmtFactory;
import java.util.ServiceLoader;

/** Finds the runtime on the class path, for {@link Shmt#builder()} and {@link PolicyName#known()}. */
final class RuntimeLookup {
    private RuntimeLookup() {}

    static ShmtFactory factory() {
        for (ShmtFactory f : ServiceLoader.load(ShmtFactory.class, Shmt.class.getClassLoader())) {
            return f;
        }
        throw new IllegalStateException("no SHMT runtime on the class path: add the dev.shmt:shmt-runtime dependency");
    }
}
