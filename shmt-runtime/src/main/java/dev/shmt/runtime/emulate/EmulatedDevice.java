package dev.shmt.runtime.emulate;

import dev.shmt.api.VopCall;
import dev.shmt.runtime.spi.BaseDevice;
import dev.shmt.runtime.spi.Device;
import dev.shmt.runtime.spi.DeviceStatus;
import dev.shmt.runtime.spi.Hlop;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A device of a {@link Profile}, scheduled like any other: its HLOPs compute their real result with the
 * implementation of the precision it emulates ({@code compute}: the VOP's CPU body for fp32 and fp16,
 * the NPU kernel for int8), then take the time the profile gives them, times the run's
 * {@code dilation}. Only time is modelled; the output, and so every quality figure, is real.
 *
 * <p>Dilation lets several emulated devices share a few host cores: with every modelled time stretched
 * by the same factor, the real computing fits inside it, and dividing the measured times by the factor
 * gives the emulated ones. An HLOP whose real computing took longer than its stretched time is an
 * overrun ({@link #overruns()}): its time is the real one, and the run's dilation was too small.
 */
public final class EmulatedDevice extends BaseDevice {
    /** Below this much time left, spin instead of parking: a park overshoots by tens of microseconds. */
    private static final long SPIN_NANOS = 50_000;

    private final DeviceModel model;
    private final String profile;
    private final Device compute;
    private final double dilation;
    private final AtomicLong overruns = new AtomicLong();
    private final AtomicLong hlops = new AtomicLong();

    /**
     * @param compute computes the results; this device owns it and closes it
     * @param dilation the factor every modelled time is multiplied by, >= 1
     */
    public EmulatedDevice(String profile, DeviceModel model, Device compute, double dilation) {
        super(model.name(), model.kind(), model.precision(), model.workers());
        if (!(dilation >= 1) || Double.isInfinite(dilation)) {
            throw new IllegalArgumentException("dilation must be a finite number >= 1, got " + dilation);
        }
        this.profile = profile;
        this.model = model;
        this.compute = compute;
        this.dilation = dilation;
    }

    public DeviceModel model() {
        return model;
    }

    public double dilation() {
        return dilation;
    }

    /** HLOPs whose real computing took longer than their dilated modelled time. */
    public long overruns() {
        return overruns.get();
    }

    /** HLOPs run so far. */
    public long hlops() {
        return hlops.get();
    }

    @Override
    public DeviceStatus status() {
        DeviceStatus s = compute.status();
        return s.isAvailable() ? s : DeviceStatus.unavailable("emulated " + model.precision() + " computes with "
                + compute.name() + ", which is unavailable: " + s.cause());
    }

    @Override
    public String detail() {
        return String.format(Locale.ROOT, "emulated (%s, dilation %.3gx), computed by %s%s", profile, dilation,
                compute.name(), compute.detail().isEmpty() ? "" : " " + compute.detail());
    }

    /** Its results are computed on host cores, whatever it emulates. */
    @Override
    public boolean computesOnHost() {
        return true;
    }

    @Override
    public boolean stagesOutput() {
        return compute.stagesOutput();
    }

    @Override
    public boolean supports(VopCall call) {
        return model.covers(call.name()) && compute.supports(call);
    }

    @Override
    public Object run(Hlop hlop) throws Exception {
        long start = System.nanoTime();
        Object partial = compute.run(hlop);
        long deadline = start + (long) (model.hlopNanos(hlop.call(), hlop.region()) * dilation);
        hlops.incrementAndGet();
        if (System.nanoTime() > deadline) {
            overruns.incrementAndGet();
        }
        waitUntil(deadline);
        return partial;
    }

    static void waitUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            if (Thread.currentThread().isInterrupted()) {
                return; // abandoned or cancelled: its result is discarded, its time does not matter
            }
            if (left > SPIN_NANOS) {
                LockSupport.parkNanos(left - SPIN_NANOS);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public void close() {
        compute.close();
    }
}
