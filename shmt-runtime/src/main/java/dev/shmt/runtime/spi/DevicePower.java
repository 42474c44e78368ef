package dev.shmt.runtime.spi;

/**
 * A device's power as a policy may weigh it ({@link QueueView#power()}).
 *
 * @param activeWatts the device's power while it runs HLOPs: measured (the mean of its own meter channel
 *     over recent calls, less nothing) or modelled; NaN when nothing tells
 * @param idleWatts its power while idle; NaN when not known
 * @param source where the figures come from ({@code nvml:gpu0 measured}, {@code modelled: ...}); empty
 *     when unknown
 */
public record DevicePower(double activeWatts, double idleWatts, String source) {
    /** Nothing known. */
    public static final DevicePower UNKNOWN = new DevicePower(Double.NaN, Double.NaN, "");

    public boolean known() {
        return !Double.isNaN(activeWatts);
    }
}
