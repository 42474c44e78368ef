package dev.shmt.runtime.testing;

import dev.shmt.api.DeviceKind;
import dev.shmt.api.Precision;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.device.CpuDevice;
import dev.shmt.runtime.device.Device;
import dev.shmt.runtime.device.DeviceStatus;
import dev.shmt.runtime.sched.Hlop;
import java.util.concurrent.locks.LockSupport;

/** Test-only: a one-thread CPU device that also waits {@code extraNanos} per HLOP, a slower device. */
public final class SlowedDevice implements Device {
    private final CpuDevice inner;
    private final long extraNanos;

    public SlowedDevice(String name, long extraNanos) {
        this.inner = new CpuDevice(name, 1);
        this.extraNanos = extraNanos;
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
        sleep(extraNanos);
        return inner.run(hlop);
    }

    /** Sleeps at least {@code nanos}, whatever wakes the thread early. */
    public static void sleep(long nanos) {
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
