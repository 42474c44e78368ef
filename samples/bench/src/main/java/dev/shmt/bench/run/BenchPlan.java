package dev.shmt.bench.run;

import dev.shmt.api.AdaptiveSettings;
import dev.shmt.apps.BenchApp;
import dev.shmt.apps.Input;
import dev.shmt.bench.emulate.EmulationPlan;
import java.util.List;

/**
 * What {@code ./shmt bench} runs, already checked: the apps with their sizes and tiles, the devices,
 * the policies (single-device baselines included), at least {@code warmup} interleaved warm-up rounds and
 * on until every policy is steady or {@code warmupCapSeconds} have passed, {@code repeat} timed rounds,
 * the input seed and what the inputs are made from (generated from the seed, or photographs for the image
 * apps), the cpu device's threads (0: one per core of its share) and the core sets (null: the runtime's
 * default, {@code SHMT_CPU_SETS} or auto), the hardware to emulate (null: this machine's), and whether
 * energy is measured, and how the {@code adaptive} policy learns.
 */
public record BenchPlan(List<AppRun> apps, List<String> devices, List<String> policies, int warmup,
                        double warmupCapSeconds, int repeat, long seed, Input input, int cpuThreads, String cpuSets,
                        EmulationPlan emulation, EnergyPlan energy, AdaptiveSettings adaptive) {
    /** One app at its size and tile hint. */
    public record AppRun(BenchApp app, int size, int tile) {}

    public BenchPlan {
        apps = List.copyOf(apps);
        devices = List.copyOf(devices);
        policies = List.copyOf(policies);
        if (input == null) {
            throw new IllegalArgumentException("input must not be null; Input.generated() is each app's own input");
        }
    }

    /** This plan on other hardware to emulate. */
    public BenchPlan emulating(EmulationPlan e) {
        return new BenchPlan(apps, devices, policies, warmup, warmupCapSeconds, repeat, seed, input, cpuThreads,
                cpuSets, e, energy, adaptive);
    }

    /** Units of progress: per app its preparation, then per policy each warm-up, timed and quality run. */
    int steps() {
        int sides = emulation != null && emulation.againstReal() ? 2 : 1;
        return apps.size() * (1 + sides * policies.size() * (warmup + repeat + 1));
    }
}
