package dev.shmt.runtime.emulate;

import dev.shmt.api.DeviceKind;
import dev.shmt.api.Precision;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One device of a {@link Profile}: what it is and how long its HLOPs take. What a VOP's cell costs it
 * comes from the profile when the profile names the VOP ({@code vops}: measured profiles, overrides),
 * else from the call: the VOP's declared cost for this device's kind ({@code @EmulationCost}), a roofline
 * against this device's {@code peakGops} and {@code memoryGbs}. A VOP costed by neither is declined.
 *
 * @param workers HLOPs it runs at once (worker threads)
 * @param hlopNanos fixed cost of every HLOP (launch, dispatch, synchronisation)
 * @param peakGops peak throughput for roofline costs, 10^9 operations per second; NaN when the profile
 *     gives none (then only its own measured costs apply)
 * @param memoryGbs memory bandwidth for roofline costs, GB/s; NaN when the profile gives none
 * @param bus the link to host memory; null for a device that computes in host memory (a CPU)
 * @param vops per VOP name ({@code Sobel.sobel}), the profile's own cost per cell, which overrides the
 *     VOP's declared one; empty when the profile gives none
 * @param corunSlowdown (>= 1) how much slower declared costs compute while another device is busy; the
 *     profile's own costs carry their own ({@link VopCost#corunSlowdown()}, this one where the profile
 *     gives none for the VOP)
 * @param power what it draws, for emulated energy; null when the profile gives no figures
 */
public record DeviceModel(String name, DeviceKind kind, Precision precision, int workers, double hlopNanos,
                          double peakGops, double memoryGbs, Bus bus, Map<String, VopCost> vops,
                          double corunSlowdown, PowerFigures power) {
    public DeviceModel {
        vops = Collections.unmodifiableMap(new LinkedHashMap<>(vops));
        if (!(corunSlowdown >= 1) || Double.isInfinite(corunSlowdown)) {
            throw new IllegalArgumentException("device " + name + ": corunSlowdown must be a finite number >= 1, got "
                    + corunSlowdown);
        }
    }

    /** A device with no power figures. */
    public DeviceModel(String name, DeviceKind kind, Precision precision, int workers, double hlopNanos,
                       double peakGops, double memoryGbs, Bus bus, Map<String, VopCost> vops, double corunSlowdown) {
        this(name, kind, precision, workers, hlopNanos, peakGops, memoryGbs, bus, vops, corunSlowdown, null);
    }

    /** A device whose HLOPs do not slow down while others run, unless its own costs say so. */
    public DeviceModel(String name, DeviceKind kind, Precision precision, int workers, double hlopNanos,
                       double peakGops, double memoryGbs, Bus bus, Map<String, VopCost> vops) {
        this(name, kind, precision, workers, hlopNanos, peakGops, memoryGbs, bus, vops, 1);
    }

    /** Whether the profile itself gives {@code vop} a cost; a VOP's declared costs count in {@link #covers(VopCall)}. */
    public boolean covers(String vop) {
        return vops.containsKey(vop);
    }

    /** Whether this device can tell what {@code call}'s HLOPs cost: {@link #cost} is not null. */
    public boolean covers(VopCall call) {
        return cost(call) != null;
    }

    /**
     * What one cell of {@code call} costs this device: the profile's own cost for the VOP, else the VOP's
     * declared cost for this device's kind, a roofline with this device's co-running slowdown; null when
     * neither applies ({@link #whyNot} says why).
     */
    public VopCost cost(VopCall call) {
        VopCost own = vops.get(call.name());
        if (own != null) {
            return own;
        }
        VopCall.Cost declared = call.cost(kind);
        if (declared == null || Double.isNaN(peakGops) || Double.isNaN(memoryGbs)) {
            return null;
        }
        return VopCost.declared(declared).withCorunSlowdown(corunSlowdown);
    }

    /** Why {@link #cost} is null for {@code call}, naming the VOP and this device's kind; null when it is not. */
    public String whyNot(VopCall call) {
        if (covers(call)) {
            return null;
        }
        if (call.cost(kind) == null) {
            return call.name() + " declares no emulation cost for " + kind + " devices (@EmulationCost(kind = DeviceKind."
                    + kind + ", ...)), and the profile gives device " + name + " no cost of its own for it";
        }
        return call.name() + " declares an emulation cost for " + kind + " devices, a roofline, but the profile gives"
                + " device " + name + " no peak_gops and memory_gbs to run it against, and no cost of its own for it";
    }

    /** Nanoseconds per cell of {@code vop} by the profile's own cost; NaN when the profile gives none. */
    public double nanosPerCell(String vop) {
        VopCost c = vops.get(vop);
        return c == null ? Double.NaN : c.nanosPerCell(peakGops, memoryGbs);
    }

    /**
     * Nanoseconds per cell of {@code call} (see {@link #cost}).
     *
     * @throws IllegalArgumentException when this device cannot cost the call, with {@link #whyNot}
     */
    public double nanosPerCell(VopCall call) {
        return costOf(call).nanosPerCell(peakGops, memoryGbs);
    }

    /**
     * The modelled time of one HLOP of {@code call} over {@code region}: the fixed cost, then compute
     * and the bus's copies (their sum, or the longer of the two where copies overlap). Input bytes are
     * the cells of every {@code IN} view over the region with its halo, output bytes those of every
     * {@code OUT} view over the region, at the bus's bytes per value.
     *
     * @throws IllegalArgumentException when this device cannot cost the call, with {@link #whyNot}
     */
    public double hlopNanos(VopCall call, Region region) {
        return hlopNanos(call, region, false);
    }

    /** As {@link #hlopNanos(VopCall, Region)}, with the VOP's co-running slowdown when {@code corunning}. */
    public double hlopNanos(VopCall call, Region region, boolean corunning) {
        long cells = region.elements();
        VopCost cost = costOf(call);
        double compute = cells * cost.nanosPerCell(peakGops, memoryGbs) * (corunning ? cost.corunSlowdown() : 1);
        if (bus == null) {
            return hlopNanos + compute;
        }
        double copy = bus.copyNanos(busBytes(call, region, VopCall.Role.IN), busBytes(call, region, VopCall.Role.OUT));
        return hlopNanos + (bus.overlap() ? Math.max(compute, copy) : compute + copy);
    }

    /**
     * The bytes one HLOP of {@code call} over {@code region} moves over the bus one way: for {@code IN},
     * every input view over the region with its halo; for {@code OUT}, every output view over the region;
     * 0 without a bus. Called per HLOP, so it allocates nothing.
     */
    public long busBytes(VopCall call, Region region, VopCall.Role way) {
        if (bus == null) {
            return 0;
        }
        long cells = region.elements();
        long h = call.halo();
        long perView = way == VopCall.Role.OUT || h == 0 || region.rows() <= 1 && call.rows() <= 1 ? cells
                : (region.rows() + 2 * h) * (long) (region.cols() + 2 * h);
        long bytes = 0;
        for (VopCall.Arg a : call.args()) {
            if (a.role() == way) {
                bytes += perView * bus.valueBytes();
            }
        }
        return bytes;
    }

    private VopCost costOf(VopCall call) {
        VopCost c = cost(call);
        if (c == null) {
            throw new IllegalArgumentException("device " + name + " cannot cost " + call.name() + ": " + whyNot(call));
        }
        return c;
    }

    /**
     * This device running {@code speed} times as fast: compute and fixed costs divided (rooflines through
     * the peaks), the bus as it is.
     */
    public DeviceModel speedUp(double speed) {
        return new DeviceModel(name, kind, precision, workers, hlopNanos / speed, peakGops * speed,
                memoryGbs * speed, bus, scaled(vops, speed), corunSlowdown, power);
    }

    private static Map<String, VopCost> scaled(Map<String, VopCost> vops, double speed) {
        Map<String, VopCost> m = new LinkedHashMap<>();
        vops.forEach((k, c) -> m.put(k, c.isRoofline() ? c
                : VopCost.measured(c.nsPerCell() / speed).withCorunSlowdown(c.corunSlowdown())));
        return m;
    }
}
