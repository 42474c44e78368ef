package dev.shmt.runtime;

import com.google.auto.service.AutoService;
import dev.shmt.api.Shmt;
import dev.shmt.api.spi.ShmtFactory;

/** Lets {@link Shmt#builder()} and {@link Shmt#defaultRuntime()} find this runtime. */
@AutoService(ShmtFactory.class)
public final class ShmtRuntimeFactory implements ShmtFactory {
    @Override
    public Shmt.Builder newBuilder() {
        return ShmtRuntime.builder();
    }
}
