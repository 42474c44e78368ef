package dev.shmt.bench.results;

import dev.shmt.api.Cores;
import dev.shmt.api.PolicyName;
import dev.shmt.apps.BenchApp;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One app under one policy. {@code latencyMs} has one entry per timed round; {@code speedup} is per
 * round against that round's fastest single device, {@code efficiency} (multi-device rows) per round the
 * ideal co-execution time over the measured one (the ideal: the run's host work between VOP calls, which no
 * device shares, plus {@code 1 / sum(1 / T)} with {@code T} each single device's time inside calls), both as median and 95%
 * interval over rounds. HLOPs per device ({@code hlops}, the share) are counted over the timed rounds;
 * steals, sampling share and quality come from one more run after the timed rounds; retries over the timed rounds; incidents (failures, quarantined devices) over every run,
 * warm-up included, each once. {@code error} is set (and the measurements empty) when the runs failed.
 *
 * @param cores the host cores each of the runtime's devices ran on
 * @param warmupRounds interleaved warm-up rounds run before timing
 * @param settled whether this policy's time reached a steady state during warm-up
 * @param bestSingle the single-device policy with the lowest median, null when none succeeded
 * @param cpuPath on the {@code single:cpu} row: its HLOPs' time against the bare kernel's; null elsewhere
 * @param hlopSlowdown on co-execution rows, per device: the mean run time of its HLOPs here over that in
 *     its single-device row, median over rounds. Above 1 when devices running at once slow each other
 *     (shared execution units, caches, memory bandwidth): what keeps the efficiency below 1.
 * @param selection how well the run chose HLOPs for the approximate device; null without one
 * @param emulated the hardware emulated, with the dilation divided out of every time; null for this
 *     machine's devices
 * @param energy the row's energy over its timed rounds; null when energy was not measured
 * @param learned what a policy that chooses per call learned, and its regret; null for other policies
 */
public record RunResult(String app, String sizeUnit, int size, int tile, String policy, List<String> devices,
                        Map<String, Cores> cores, int warmupRounds, boolean settled, double[] latencyMs,
                        Estimate speedup, Estimate efficiency, Map<String, Integer> hlops, int steals,
                        double samplingShare, BenchApp.Quality quality, int retries, List<String> incidents,
                        String error, String bestSingle, double bestSingleMs, CpuPath cpuPath,
                        Map<String, Double> hlopSlowdown, Selection selection, Emulated emulated,
                        boolean declined, EnergyFigures energy, Learned learned) {
    /**
     * An emulated run: the profile, the dilation every modelled time was stretched by (and the times
     * here divided by), per device its load, real computing time over modelled time, and the emulated
     * devices' overruns over the app's runs as their detail lines say them (null when none overran).
     */
    public record Emulated(String profile, double dilation, Map<String, Double> load, String overruns,
                           AgainstReal against) {
        public Emulated(String profile, double dilation, Map<String, Double> load, String overruns) {
            this(profile, dilation, load, overruns, null);
        }
    }

    /** This row with {@code e} as its emulation. */
    public RunResult withEmulated(Emulated e) {
        return new RunResult(app, sizeUnit, size, tile, policy, devices, cores, warmupRounds, settled, latencyMs,
                speedup, efficiency, hlops, steals, samplingShare, quality, retries, incidents, error, bestSingle,
                bestSingleMs, cpuPath, hlopSlowdown, selection, e, declined, energy, learned);
    }

    /**
     * What the runtime adds to the CPU kernel: the mean busy time of a {@code single:cpu} HLOP and of the
     * bare kernel on the same regions ({@link RowLabel#BARE_CPU}), medians over rounds, and their ratio per round.
     */
    public record CpuPath(double runtimeUs, double bareUs, Estimate ratio) {}

    /** True when the row has no measurements: {@link #error} says why (a failure, or {@link #declined}). */
    public boolean failed() {
        return error != null;
    }

    /** True when a failed row's device did not take the app's VOP, and said why: the bench goes on, exit 0. */
    public boolean failedForReal() {
        return error != null && !declined;
    }

    public boolean single() {
        PolicyName name = RowLabel.nameOf(policy);
        return name != null && name.isSingle();
    }

    public int repeat() {
        return latencyMs.length;
    }

    public double medianMs() {
        return Estimate.median(latencyMs);
    }

    public double minMs() {
        return Arrays.stream(latencyMs).min().orElse(Double.NaN);
    }

    public double maxMs() {
        return Arrays.stream(latencyMs).max().orElse(Double.NaN);
    }
}
