package dev.shmt.runtime.emulate;

/**
 * What one cell of a VOP costs a device: either a time per cell ({@code nsPerCell}, as {@code ./shmt
 * profile} measures it), or a roofline, operations and bytes of memory traffic per cell against the
 * device's peak throughput and memory bandwidth (as datasheets give them). The unused form is NaN.
 */
public record VopCost(double nsPerCell, double opsPerCell, double bytesPerCell) {
    public static VopCost measured(double nsPerCell) {
        return new VopCost(nsPerCell, Double.NaN, Double.NaN);
    }

    public static VopCost roofline(double opsPerCell, double bytesPerCell) {
        return new VopCost(Double.NaN, opsPerCell, bytesPerCell);
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
