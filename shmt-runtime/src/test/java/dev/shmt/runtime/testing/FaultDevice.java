package dev.shmt.runtime.testing;

import dev.shmt.api.DeviceKind;
import dev.shmt.api.FloatArray;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Precision;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.device.CpuDevice;
import dev.shmt.runtime.spi.BaseDevice;
import dev.shmt.runtime.spi.Hlop;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;

/**
 * Test-only: a one-thread device running the CPU kernel, made slower ({@link #slow}), made to throw on
 * chosen HLOP indices ({@link #failing}), or made to hang on them ({@link #hanging}). It plays a device
 * with its own memory: it claims the caller's output before writing it, so the watchdog can abandon it.
 */
public final class FaultDevice extends BaseDevice {
    private final CpuDevice inner;
    private final long extraNanos;
    private final IntPredicate failOn;
    private final IntPredicate hangOn;
    private final IntPredicate refuseOn;
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch hung = new CountDownLatch(1);
    private final AtomicInteger lateResultsRefused = new AtomicInteger();
    private final AtomicInteger lateResultsWritten = new AtomicInteger();
    private final AtomicInteger ran = new AtomicInteger();

    private FaultDevice(String name, Precision precision, long extraNanos, IntPredicate failOn, IntPredicate hangOn) {
        this(name, precision, extraNanos, failOn, hangOn, i -> false);
    }

    private FaultDevice(String name, Precision precision, long extraNanos, IntPredicate failOn, IntPredicate hangOn,
            IntPredicate refuseOn) {
        super(name, DeviceKind.OTHER, precision, 1);
        this.inner = new CpuDevice(name, 1);
        this.extraNanos = extraNanos;
        this.failOn = failOn;
        this.hangOn = hangOn;
        this.refuseOn = refuseOn;
    }

    /** Waits {@code extraNanos} before every HLOP. */
    public static FaultDevice slow(String name, long extraNanos) {
        return new FaultDevice(name, Precision.FP32, extraNanos, i -> false, i -> false);
    }

    /** Throws on the HLOP indices {@code failOn} accepts. */
    public static FaultDevice failing(String name, IntPredicate failOn) {
        return new FaultDevice(name, Precision.FP32, 0, failOn, i -> false);
    }

    /** Refuses the HLOP indices {@code refuseOn} accepts as input it cannot take (IllegalArgumentException). */
    public static FaultDevice refusing(String name, IntPredicate refuseOn) {
        return new FaultDevice(name, Precision.FP32, 0, i -> false, i -> false, refuseOn);
    }

    /**
     * Hangs on the HLOP indices {@code hangOn} accepts until {@link #release()} or an interrupt; then it
     * tries to write NaN over the HLOP's outputs, which the runtime must refuse.
     */
    public static FaultDevice hanging(String name, IntPredicate hangOn) {
        return new FaultDevice(name, Precision.FP32, 0, i -> false, hangOn);
    }

    @Override
    public boolean stagesOutput() {
        return true;
    }

    @Override
    public boolean supports(VopCall call) {
        return inner.supports(call);
    }

    @Override
    public Object run(Hlop hlop) {
        ran.incrementAndGet();
        sleep(extraNanos);
        if (failOn.test(hlop.index())) {
            throw new IllegalStateException("injected fault on HLOP " + hlop.index());
        }
        if (refuseOn.test(hlop.index())) {
            throw new IllegalArgumentException("HLOP " + hlop.index() + " is outside what this device's model covers");
        }
        if (hangOn.test(hlop.index())) {
            hang();
            if (hlop.claimOutput()) {
                lateResultsWritten.incrementAndGet();
                poison(hlop.call(), hlop.region());
            } else {
                lateResultsRefused.incrementAndGet();
            }
            return null;
        }
        return hlop.claimOutput() ? inner.run(hlop) : null;
    }

    private void hang() {
        hung.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // a runtime closing: give up, like a driver call would
        }
    }

    private static void poison(VopCall call, Region region) {
        for (VopCall.Arg a : call.args()) {
            if (a.role() != VopCall.Role.OUT) {
                continue;
            }
            if (a.value() instanceof FloatMatrix m) {
                FloatMatrix r = m.region(region);
                for (int i = 0; i < r.rows(); i++) {
                    for (int j = 0; j < r.cols(); j++) {
                        r.set(i, j, Float.NaN);
                    }
                }
            } else {
                FloatArray r = ((FloatArray) a.value()).slice(region);
                for (int i = 0; i < r.length(); i++) {
                    r.set(i, Float.NaN);
                }
            }
        }
    }

    /** Lets hung HLOPs return. */
    public void release() {
        release.countDown();
    }

    /** Waits until an HLOP has hung. */
    public void awaitHung() throws InterruptedException {
        hung.await();
    }

    /** Hung HLOPs that returned and were refused the caller's output. */
    public int lateResultsRefused() {
        return lateResultsRefused.get();
    }

    /** Hung HLOPs that returned and were allowed to write: the runtime failed to discard them. */
    public int lateResultsWritten() {
        return lateResultsWritten.get();
    }

    /** HLOPs this device started. */
    public int ran() {
        return ran.get();
    }

    /** Sleeps at least {@code nanos}, whatever wakes the thread early. */
    public static void sleep(long nanos) {
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
