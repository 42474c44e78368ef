package dev.shmt.runtime.emulate;

import dev.shmt.api.DeviceKind;
import dev.shmt.api.Precision;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One device of a {@link Profile}: what it is and how long its HLOPs take.
 *
 * @param workers HLOPs it runs at once (worker threads)
 * @param hlopNanos fixed cost of every HLOP (launch, dispatch, synchronisation)
 * @param peakGops peak throughput for roofline costs, 10^9 operations per second; NaN when no VOP
 *     uses a roofline
 * @param memoryGbs memory bandwidth for roofline costs, GB/s; NaN when no VOP uses a roofline
 * @param bus the link to host memory; null for a device that computes in host memory (a CPU)
 * @param vops per VOP name ({@code Sobel.sobel}), its cost per cell
 */
public record DeviceModel(String name, DeviceKind kind, Precision precision, int workers, double hlopNanos,
                          double peakGops, double memoryGbs, Bus bus, Map<String, VopCost> vops) {
    public DeviceModel {
        vops = Collections.unmodifiableMap(new LinkedHashMap<>(vops));
    }

    public boolean covers(String vop) {
        return vops.containsKey(vop);
    }

    /** Nanoseconds per cell of {@code vop}; NaN when the profile gives none. */
    public double nanosPerCell(String vop) {
        VopCost c = vops.get(vop);
        return c == null ? Double.NaN : c.nanosPerCell(peakGops, memoryGbs);
    }

    /**
     * The modelled time of one HLOP of {@code call} over {@code region}: the fixed cost, then compute
     * and the bus's copies (their sum, or the longer of the two where copies overlap). Input bytes are
     * the cells of every {@code IN} view over the region with its halo, output bytes those of every
     * {@code OUT} view over the region, at the bus's bytes per value.
     */
    public double hlopNanos(VopCall call, Region region) {
        return hlopNanos(call, region, false);
    }

    /** As {@link #hlopNanos(VopCall, Region)}, with the VOP's co-running slowdown when {@code corunning}. */
    public double hlopNanos(VopCall call, Region region, boolean corunning) {
        long cells = region.elements();
        VopCost cost = vops.get(call.name());
        double compute = cells * nanosPerCell(call.name()) * (corunning && cost != null ? cost.corunSlowdown() : 1);
        if (bus == null) {
            return hlopNanos + compute;
        }
        long h = call.halo();
        long withHalo = h == 0 || region.rows() <= 1 && call.rows() <= 1 ? cells
                : (region.rows() + 2 * h) * (long) (region.cols() + 2 * h);
        long in = 0;
        long out = 0;
        for (VopCall.Arg a : call.args()) {
            if (a.role() == VopCall.Role.IN) {
                in += withHalo * bus.valueBytes();
            } else if (a.role() == VopCall.Role.OUT) {
                out += cells * bus.valueBytes();
            }
        }
        double copy = bus.copyNanos(in, out);
        return hlopNanos + (bus.overlap() ? Math.max(compute, copy) : compute + copy);
    }

    /** This device running {@code speed} times as fast: compute and fixed costs divided, the bus as it is. */
    public DeviceModel speedUp(double speed) {
        return new DeviceModel(name, kind, precision, workers, hlopNanos / speed, peakGops * speed,
                memoryGbs * speed, bus, scaled(vops, speed));
    }

    private static Map<String, VopCost> scaled(Map<String, VopCost> vops, double speed) {
        Map<String, VopCost> m = new LinkedHashMap<>();
        vops.forEach((k, c) -> m.put(k, c.isRoofline() ? c
                : VopCost.measured(c.nsPerCell() / speed).withCorunSlowdown(c.corunSlowdown())));
        return m;
    }
}
