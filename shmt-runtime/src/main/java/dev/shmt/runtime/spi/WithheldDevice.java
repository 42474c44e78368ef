package dev.shmt.runtime.spi;

import dev.shmt.api.DeviceKind;
import dev.shmt.api.Precision;
import dev.shmt.api.VopCall;

/**
 * A device this process was not granted ({@link DeviceGrants}): listed, with the cause, and never run.
 * Stands in for a provider's device that was opened before its grant was checked.
 */
public final class WithheldDevice extends BaseDevice {
    private final String cause;

    public WithheldDevice(String name, DeviceKind kind, Precision precision, String cause) {
        super(name, kind, precision, 1);
        this.cause = cause;
    }

    @Override
    public DeviceStatus status() {
        return DeviceStatus.unavailable(cause);
    }

    @Override
    public boolean supports(VopCall call) {
        return false;
    }

    @Override
    public Object run(Hlop hlop) {
        throw new IllegalStateException(name() + " is not granted to this process: " + cause);
    }
}
