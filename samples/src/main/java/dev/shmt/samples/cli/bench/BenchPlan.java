package dev.shmt.samples.cli.bench;

import dev.shmt.samples.apps.BenchApp;
import java.util.List;

/**
 * What {@code ./shmt bench} runs, already checked: the apps with their sizes and tiles, the devices,
 * the policies (single-device baselines included), warm-up and timed runs, the input seed.
 */
public record BenchPlan(List<AppRun> apps, List<String> devices, List<String> policies, int warmup, int repeat,
                        long seed, int cpuThreads) {
    /** One app at its size and tile hint. */
    public record AppRun(BenchApp app, int size, int tile) {}

    public BenchPlan {
        apps = List.copyOf(apps);
        devices = List.copyOf(devices);
        policies = List.copyOf(policies);
    }

    /** Units of progress: per app its preparation, then every warm-up and timed run of every policy. */
    int steps() {
        return apps.size() * (1 + policies.size() * (warmup + repeat));
    }
}
