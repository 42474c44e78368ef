package dev.shmt.runtime.emulate;

/**
 * The link between the host's memory and a device: an HLOP's input crosses it before the device
 * computes, its output after.
 *
 * @param inGbs host to device, in GB/s (10^9 bytes per second: one byte per {@code 1/inGbs} ns)
 * @param outGbs device to host, in GB/s
 * @param latencyNanos fixed cost of each transfer, each way
 * @param overlap whether copies overlap compute (streams, double buffering): an HLOP then takes the
 *     longer of its compute and its copies instead of their sum
 * @param valueBytes bytes each value takes on the bus: 4 for float32, 1 for a device fed int8 tensors
 */
public record Bus(double inGbs, double outGbs, double latencyNanos, boolean overlap, int valueBytes) {
    /** Nanoseconds to move {@code in} bytes to the device and {@code out} bytes back. */
    public double copyNanos(long in, long out) {
        return 2 * latencyNanos + in / inGbs + out / outGbs;
    }
}
