package dev.shmt.runtime.testing;

import dev.shmt.api.DeviceKind;
import dev.shmt.api.Precision;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.device.CpuDevice;
import dev.shmt.runtime.device.Device;
import dev.shmt.runtime.device.DeviceStatus;
import dev.shmt.runtime.sched.Hlop;
import java.util.function.IntPredicate;

/** Test-only: runs the CPU kernel but throws on the HLOP indices {@code failOn} selects. */
public final class FailingDevice implements Device {
    private final CpuDevice inner;
    private final IntPredicate failOn;

    public FailingDevice(String name, IntPredicate failOn) {
        this.inner = new CpuDevice(name, 1);
        this.failOn = failOn;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public DeviceKind kind() {
        return DeviceKind.OTHER;
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
        return DeviceStatus.available();
    }

    @Override
    public boolean supports(VopCall call) {
        return inner.supports(call);
    }

    @Override
    public Object run(Hlop hlop) {
        if (failOn.test(hlop.index())) {
            throw new IllegalStateException("injected fault on HLOP " + hlop.index());
        }
        return inner.run(hlop);
    }
}
