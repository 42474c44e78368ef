package dev.shmt.runtime.testing;

import dev.shmt.api.DeviceKind;
import dev.shmt.api.Precision;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.device.Device;
import dev.shmt.runtime.device.DeviceStatus;
import dev.shmt.runtime.sched.Hlop;

/** Test-only: a device that did not load, as a GPU without a driver reports itself. */
public final class MissingDevice implements Device {
    private final String name;
    private final String cause;

    public MissingDevice(String name, String cause) {
        this.name = name;
        this.cause = cause;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeviceKind kind() {
        return DeviceKind.GPU;
    }

    @Override
    public Precision precision() {
        return Precision.FP32;
    }

    @Override
    public int threads() {
        return 1;
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
