package dev.shmt.runtime.testing;

import dev.shmt.api.DeviceKind;
import dev.shmt.api.Precision;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.device.CpuDevice;
import dev.shmt.runtime.device.BaseDevice;
import dev.shmt.runtime.sched.Hlop;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;

/**
 * Test-only: a one-thread device running the CPU kernel, made slower ({@link #slow}) or made to throw
 * on chosen HLOP indices ({@link #failing}).
 */
public final class FaultDevice extends BaseDevice {
    private final CpuDevice inner;
    private final long extraNanos;
    private final IntPredicate failOn;

    private FaultDevice(String name, long extraNanos, IntPredicate failOn) {
        super(name, DeviceKind.OTHER, Precision.FP32, 1);
        this.inner = new CpuDevice(name, 1);
        this.extraNanos = extraNanos;
        this.failOn = failOn;
    }

    /** Waits {@code extraNanos} before every HLOP. */
    public static FaultDevice slow(String name, long extraNanos) {
        return new FaultDevice(name, extraNanos, i -> false);
    }

    /** Throws on the HLOP indices {@code failOn} accepts. */
    public static FaultDevice failing(String name, IntPredicate failOn) {
        return new FaultDevice(name, 0, failOn);
    }

    @Override
    public boolean supports(VopCall call) {
        return inner.supports(call);
    }

    @Override
    public Object run(Hlop hlop) {
        sleep(extraNanos);
        if (failOn.test(hlop.index())) {
            throw new IllegalStateException("injected fault on HLOP " + hlop.index());
        }
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
