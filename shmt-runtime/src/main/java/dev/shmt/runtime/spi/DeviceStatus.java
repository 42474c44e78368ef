package dev.shmt.runtime.spi;

import java.util.Objects;

/** Whether a device can run HLOPs, and if not, why. */
public record DeviceStatus(String cause) {
    private static final DeviceStatus AVAILABLE = new DeviceStatus(null);

    public static DeviceStatus available() {
        return AVAILABLE;
    }

    public static DeviceStatus unavailable(String cause) {
        return new DeviceStatus(Objects.requireNonNull(cause, "cause"));
    }

    public boolean isAvailable() {
        return cause == null;
    }
}
