package dev.shmt.runtime.emulate;

import dev.shmt.api.VopCall;
import dev.shmt.runtime.spi.BaseDevice;
import dev.shmt.runtime.spi.Device;
import dev.shmt.runtime.spi.DeviceStatus;
import dev.shmt.runtime.spi.EnergyChannel;
import dev.shmt.runtime.spi.Hlop;
import dev.shmt.runtime.spi.ModelledChannel;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A device of a {@link Profile}, scheduled like any other: its HLOPs compute their real result with the
 * implementation of the precision it emulates ({@code compute}: the VOP's CPU body for fp32 and fp16,
 * the NPU kernel for int8), then take the time the profile and the VOP's declared costs give them
 * ({@link DeviceModel#cost}), times the run's {@code dilation}. Only time is modelled; the output, and so
 * every quality figure, is real.
 *
 * <p>Dilation lets several emulated devices share a few host cores: with every modelled time stretched
 * by the same factor, the real computing fits inside it, and dividing the measured times by the factor
 * gives the emulated ones. An HLOP whose real computing took longer than its stretched time is an
 * overrun ({@link #overruns()}): its time is the real one, and the run's dilation was too small.
 */
public final class EmulatedDevice extends BaseDevice {
    /** What is left to spin after a park that woke as late as usual. */
    private static final long SPIN_NANOS = 10_000;
    /** The most park lateness taken into account: beyond it the spin would cost more than it saves. */
    private static final long MAX_SLACK_NANOS = 1_000_000;
    /** How late a park usually wakes, learned (shared by all emulated devices: it is the platform's). */
    private static volatile long parkSlack = 100_000;

    private final DeviceModel model;
    private final String profile;
    private final Device compute;
    private final double dilation;
    private final AtomicLong overruns = new AtomicLong();
    private final AtomicLong hlops = new AtomicLong();
    /** HLOPs running on the run's emulated devices, shared by all of them: who else is busy. */
    private final Busy busy;
    /** HLOPs running on this device. */
    private final AtomicInteger mine = new AtomicInteger();
    /** Modelled joules above idle of every HLOP run so far: busy time at its power, and its bus's bytes. */
    private final DoubleAdder joules = new DoubleAdder();

    /** The HLOPs running on all emulated devices of one runtime. */
    public static final class Busy {
        private final AtomicInteger running = new AtomicInteger();
    }

    /**
     * @param compute computes the results; this device owns it and closes it
     * @param dilation the factor every modelled time is multiplied by, >= 1
     */
    public EmulatedDevice(String profile, DeviceModel model, Device compute, double dilation, Busy busy) {
        super(model.name(), model.kind(), model.precision(), model.workers());
        if (!(dilation >= 1) || Double.isInfinite(dilation)) {
            throw new IllegalArgumentException("dilation must be a finite number >= 1, got " + dilation);
        }
        this.profile = profile;
        this.model = model;
        this.compute = compute;
        this.dilation = dilation;
        this.busy = busy;
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

    /**
     * The profile, the dilation and, once it has run HLOPs, "N of M HLOPs overran" (the bench reads this
     * form), then what computes its results.
     */
    @Override
    public String detail() {
        long n = hlops.get();
        return String.format(Locale.ROOT, "emulated (%s, dilation %.3gx%s), computed by %s%s", profile, dilation,
                n == 0 ? "" : "; " + overruns.get() + " of " + n + " HLOPs overran", compute.name(),
                compute.detail().isEmpty() ? "" : " " + compute.detail());
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

    /** Takes a call its compute device runs and whose cost it knows: the profile's, else the VOP's declared one. */
    @Override
    public boolean supports(VopCall call) {
        return model.covers(call) && compute.supports(call);
    }

    @Override
    public String whyNot(VopCall call) {
        return !compute.supports(call) ? compute.whyNot(call) : "emulated from profile " + profile + ": "
                + model.whyNot(call);
    }

    @Override
    public Object run(Hlop hlop) throws Exception {
        long start = System.nanoTime();
        // Another device busy when this HLOP starts: the two share memory for its duration.
        boolean corunning = busy.running.getAndIncrement() > mine.getAndIncrement();
        try {
            Object partial = compute.run(hlop);
            double modelled = model.hlopNanos(hlop.call(), hlop.region(), corunning);
            long deadline = start + (long) (modelled * dilation);
            addEnergy(hlop, modelled);
            hlops.incrementAndGet();
            if (System.nanoTime() > deadline) {
                overruns.incrementAndGet();
            }
            waitUntil(deadline);
            return partial;
        } finally {
            mine.decrementAndGet();
            busy.running.decrementAndGet();
        }
    }

    /** An HLOP's modelled energy above idle: one worker's share of the dynamic power, and the bytes it moved. */
    private void addEnergy(Hlop hlop, double modelledNanos) {
        PowerFigures p = model.power();
        if (p == null) {
            return;
        }
        long bytes = model.busBytes(hlop.call(), hlop.region(), VopCall.Role.IN)
                + model.busBytes(hlop.call(), hlop.region(), VopCall.Role.OUT);
        joules.add(p.dynamicWatts() / model.workers() * modelledNanos / 1e9
                + bytes * p.busPicojoulesPerByte() * 1e-12);
    }

    /**
     * Its modelled energy as a channel: the busy time of its HLOPs at its active power above idle, plus its
     * bus's bytes, in emulated (undilated) time; null when the profile gives it no power figures.
     */
    @Override
    public EnergyChannel energyModel() {
        PowerFigures p = model.power();
        if (p == null) {
            return null;
        }
        String how = String.format(Locale.ROOT, "profile %s: %.3g W above idle while busy%s", profile,
                p.dynamicWatts(), p.busPicojoulesPerByte() > 0
                        ? String.format(Locale.ROOT, ", %.3g pJ per bus byte", p.busPicojoulesPerByte()) : "");
        return new ModelledChannel(model.name(), model.name(), EnergyChannel.Scope.COMPONENT, false, "", how,
                p.activeWatts(), p.idleWatts(), joules::sum);
    }

    /**
     * Waits until {@code deadline}: parks until the park's usual lateness before it, then spins the rest.
     * A park wakes late by the platform's timer slack (50 us on Linux, more on a virtual machine);
     * the lateness is learned as the runs go, so the spin stays short whatever the platform.
     */
    static void waitUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            if (Thread.currentThread().isInterrupted()) {
                return; // abandoned or cancelled: its result is discarded, its time does not matter
            }
            long slack = parkSlack;
            if (left > slack + SPIN_NANOS) {
                long wake = System.nanoTime() + left - slack - SPIN_NANOS;
                LockSupport.parkNanos(left - slack - SPIN_NANOS);
                long late = System.nanoTime() - wake;
                // Follow the lateness, a quarter per park; a slow wake-up under load raises it quickly.
                parkSlack = Math.max(0, Math.min(MAX_SLACK_NANOS, slack + (late - slack) / 4));
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
