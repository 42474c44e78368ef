package dev.shmt.runtime.emulate;

import dev.shmt.api.VopCall;

/**
 * What one cell of a VOP costs a device: either a time per cell ({@code nsPerCell}, as {@code ./shmt
 * profile} measures it), or a roofline, operations and bytes of memory traffic per cell against the
 * device's peak throughput and memory bandwidth (as a VOP declares them, {@code @EmulationCost}, or a
 * profile gives them). The unused form is NaN. {@code corunSlowdown} (>= 1) multiplies the compute time
 * while another device of the run is busy: devices that share memory slow each other down (on a Jetson
 * the CPU and GPU share one LPDDR4).
 */
public record VopCost(double nsPerCell, double opsPerCell, double bytesPerCell, double corunSlowdown) {
    public static VopCost measured(double nsPerCell) {
        return new VopCost(nsPerCell, Double.NaN, Double.NaN, 1);
    }

    public static VopCost roofline(double opsPerCell, double bytesPerCell) {
        return new VopCost(Double.NaN, opsPerCell, bytesPerCell, 1);
    }

    /** The roofline a VOP declares for a kind of device. */
    public static VopCost declared(VopCall.Cost cost) {
        return roofline(cost.opsPerCell(), cost.bytesPerCell());
    }

    /** This cost, slowed down by {@code factor} while another device is busy. */
    public VopCost withCorunSlowdown(double factor) {
        return new VopCost(nsPerCell, opsPerCell, bytesPerCell, factor);
    }

    public boolean isRoofline() {
        return Double.isNaN(nsPerCell);
    }

    /**
     * Nanoseconds per cell on a device of {@code peakGops} (10^9 operations per second) and
     * {@code memoryGbs}: the roofline's bound, the slower of computing and moving the data.
     */
    public double nanosPerCell(double peakGops, double memoryGbs) {
        return isRoofline() ? Math.max(opsPerCell / peakGops, bytesPerCell / memoryGbs) : nsPerCell;
    }
}
