package dev.shmt.api;

import java.util.Map;

/**
 * Power with nothing running, per meter channel ({@code rapl:package-0}) in watts, and the idle power of
 * the whole system as the total of a report counts it.
 *
 * @param measuredNanos how long it was measured; 0 for a modelled baseline (an emulated platform's)
 */
public record IdlePower(Map<String, Double> watts, double totalWatts, long measuredNanos) {
    public IdlePower {
        watts = Map.copyOf(watts);
    }

    /** The idle watts of {@code channel} ({@code meter:name}); NaN when it was not measured. */
    public double of(String channel) {
        Double w = watts.get(channel);
        return w == null ? Double.NaN : w;
    }
}
