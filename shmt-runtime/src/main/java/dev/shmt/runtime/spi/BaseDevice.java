package dev.shmt.runtime.spi;

import dev.shmt.api.DeviceKind;
import dev.shmt.api.Precision;
import java.util.Objects;

/** The fixed facts of a device, so implementations write only what differs: support and running. */
public abstract class BaseDevice implements Device {
    private final String name;
    private final DeviceKind kind;
    private final Precision precision;
    private final int threads;

    protected BaseDevice(String name, DeviceKind kind, Precision precision, int threads) {
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.precision = Objects.requireNonNull(precision, "precision");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final DeviceKind kind() {
        return kind;
    }

    @Override
    public final Precision precision() {
        return precision;
    }

    @Override
    public final int threads() {
        return threads;
    }

    /** Available unless overridden: devices that can fail to load say why there. */
    @Override
    public DeviceStatus status() {
        return DeviceStatus.available();
    }

    @Override
    public String toString() {
        return name;
    }
}
