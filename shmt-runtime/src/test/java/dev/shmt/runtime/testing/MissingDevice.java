package dev.shmt.runtime.testing;

import dev.shmt.api.DeviceKind;
import dev.shmt.api.Precision;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.spi.BaseDevice;
import dev.shmt.runtime.spi.DeviceStatus;
import dev.shmt.runtime.spi.Hlop;

/** Test-only: a device that did not load, as a GPU without a driver reports itself. */
public final class MissingDevice extends BaseDevice {
    private final String cause;

    public MissingDevice(String name, String cause) {
        super(name, DeviceKind.GPU, Precision.FP32, 1);
        this.cause = cause;
    }

    @Override
    public DeviceStatus status() {
        return DeviceStatus.unavailable(cause);
    }

    @Override
    public boolean supports(VopCall call) {
        return true;
    }

    @Override
    public Object run(Hlop hlop) {
        throw new AssertionError("an unavailable device must never be given an HLOP");
    }
}
