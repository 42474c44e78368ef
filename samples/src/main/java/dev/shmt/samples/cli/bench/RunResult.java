package dev.shmt.samples.cli.bench;

import dev.shmt.samples.apps.BenchApp;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One app under one policy: the latency of every timed run, and from the last run its HLOPs per
 * device, steals, sampling share and quality; the HLOPs re-run after a device failed over the timed
 * runs, and what went wrong in any run (warm-up included): failures and quarantined devices, each
 * once. {@code error} is set (and the rest empty) when the runs failed; {@code bestSingle} and its
 * latency are filled in once all of the app's policies have run.
 */
public record RunResult(String app, String sizeUnit, int size, int tile, String policy, List<String> devices,
                        int warmup, double[] latencyMs, Map<String, Integer> hlops, int steals, double samplingShare,
                        BenchApp.Quality quality, int retries, List<String> incidents, String error,
                        String bestSingle, double bestSingleMs) {
    public boolean failed() {
        return error != null;
    }

    public boolean single() {
        return policy.startsWith("single:");
    }

    public int repeat() {
        return latencyMs.length;
    }

    public double medianMs() {
        if (latencyMs.length == 0) {
            return Double.NaN;
        }
        double[] s = latencyMs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    public double minMs() {
        return Arrays.stream(latencyMs).min().orElse(Double.NaN);
    }

    public double maxMs() {
        return Arrays.stream(latencyMs).max().orElse(Double.NaN);
    }

    /** The fastest single device's median over this run's median; NaN without a baseline. */
    public double speedup() {
        return failed() || bestSingle == null ? Double.NaN : bestSingleMs / medianMs();
    }

    RunResult withBestSingle(String policy, double ms) {
        return new RunResult(app, sizeUnit, size, tile, this.policy, devices, warmup, latencyMs, hlops, steals,
                samplingShare, quality, retries, incidents, error, policy, ms);
    }
}
