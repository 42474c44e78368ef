package dev.shmt.bench.results;

import java.util.Map;

/**
 * A row's energy over its timed rounds, each figure the median over rounds with a 95% interval: joules per
 * run (the system's total as the meters count it), mean power, energy above the idle baseline, the
 * energy-delay product (joules times seconds), and per round the energy against that round's fastest
 * single device and against the GPU alone.
 *
 * @param perChannel per meter channel ({@code rapl:package-0}), the median joules per run
 * @param methods per channel, how it was measured ({@code counter}, {@code sampled every 10 ms}, {@code modelled: ...})
 * @param totalFrom which channels the total adds up
 * @param errorJoules the median over rounds of the total's error bound, as its methods state it
 * @param aboveIdle NaN-valued when no idle baseline was measured
 * @param vsGpu {@link Estimate#NONE} without a {@code single:gpu} row
 */
public record EnergyFigures(Estimate joules, Estimate watts, Estimate aboveIdle, Estimate edp, Estimate vsFastest,
                            Estimate vsGpu, Map<String, Double> perChannel, Map<String, String> methods,
                            String totalFrom, double errorJoules) {
    public EnergyFigures {
        perChannel = Map.copyOf(perChannel);
        methods = Map.copyOf(methods);
    }
}
