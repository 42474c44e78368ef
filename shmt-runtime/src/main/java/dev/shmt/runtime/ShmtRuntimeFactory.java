package dev.shmt.runtime;

import com.google.auto.service.AutoService;
import dev.shmt.api.PolicyInfo;
import dev.shmt.api.Shmt;
import dev.shmt.api.spi.ShmtFactory;
import dev.shmt.runtime.policy.Policies;
import java.util.List;

/**
 * Lets {@link Shmt#builder()} and {@link Shmt#defaultRuntime()} find this runtime, and
 * {@link dev.shmt.api.PolicyName#parse} the policies its providers offer.
 */
@AutoService(ShmtFactory.class)
public final class ShmtRuntimeFactory implements ShmtFactory {
    @Override
    public Shmt.Builder newBuilder() {
        return ShmtRuntime.builder();
    }

    @Override
    public List<PolicyInfo> policies() {
        return Policies.installed().offered();
    }
}
