package dev.shmt.runtime.policy.adaptive;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.shmt.api.AdaptiveSettings;
import dev.shmt.api.DeviceKind;
import dev.shmt.api.EnergySettings;
import dev.shmt.api.Precision;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.device.CpuDevice;
import dev.shmt.runtime.spi.BaseDevice;
import dev.shmt.runtime.spi.Hlop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the adaptive policy learns follows its objective: on emulated devices where the fastest device
 * draws ten times the power, time picks it and energy picks the frugal one. And with a quality-aware
 * policy within, an approximate device never runs a call alone.
 */
class AdaptiveObjectiveTest {
    /** fast: 100 ns per cell at 20 W busy; frugal: 150 ns per cell at 1 W; co-running 4x slower. */
    private static Path profile(Path dir) throws Exception {
        Path f = dir.resolve("power.json");
        Files.writeString(f, """
                {"profile": "power", "platform_idle_w": 0.5, "devices": [
                  {"name": "fast", "kind": "GPU", "precision": "FP32", "workers": 1, "hlop_us": 50,
                   "power": {"idle_w": 0, "active_w": 20},
                   "vops": {"copy": {"ns_per_cell": 100, "corun_slowdown": 4}}},
                  {"name": "frugal", "kind": "CPU", "precision": "FP32", "workers": 1, "hlop_us": 50,
                   "power": {"idle_w": 0, "active_w": 1},
                   "vops": {"copy": {"ns_per_cell": 150, "corun_slowdown": 4}}}]}
                """);
        return f;
    }

    private static long alone(List<AdaptiveRuns.Call> calls, String device) {
        return calls.stream().filter(c -> c.alone(device)).count();
    }

    @Test
    void timePicksTheFastDevice_energyTheFrugalOne(@TempDir Path dir) throws Exception {
        Path p = profile(dir);
        for (AdaptiveSettings.Objective o : List.of(AdaptiveSettings.Objective.TIME, AdaptiveSettings.Objective.ENERGY,
                AdaptiveSettings.Objective.EDP)) {
            try (ShmtRuntime rt = ShmtRuntime.builder().emulate(p.toString(), 1).energy(EnergySettings.ON)
                    .policy("adaptive").chunkHint(AdaptiveRuns.CHUNK)
                    .adaptive(AdaptiveSettings.DEFAULTS.withoutCache().withObjective(o)).build()) {
                // Warming takes up to 40 calls in a busy test JVM, and the budget lets one try in every few calls:
                // 160 calls leave room for a noisy first measurement to be re-checked before the last 30.
                List<AdaptiveRuns.Call> calls = AdaptiveRuns.run(rt, 160);
                List<AdaptiveRuns.Call> tail = calls.subList(130, 160);
                String expected = o == AdaptiveSettings.Objective.TIME ? "fast" : "frugal";
                assertWithMessage("%s: the last 30 calls: %s", o, tail.stream().map(c -> c.choice().toString()).toList())
                        .that(alone(tail, expected)).isAtLeast(24);
            }
        }
    }

    /** An int8 device that copies as the CPU does: an approximate device, as far as policies can tell. */
    private static final class Int8 extends BaseDevice {
        Int8() {
            super("int8", DeviceKind.NPU, Precision.INT8, 1);
        }

        @Override
        public boolean supports(VopCall call) {
            return true;
        }

        @Override
        public Object run(Hlop hlop) {
            return hlop.call().cpuKernel().run(hlop.region());
        }
    }

    @Test
    void withAQualityAwarePolicyWithin_theApproximateDeviceNeverRunsACallAlone() {
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice("cpu", 1))
                .addDevice(new Int8()).policy("adaptive").chunkHint(AdaptiveRuns.CHUNK)
                .adaptive(AdaptiveSettings.DEFAULTS.withoutCache().within("qaws-ts")).build()) {
            List<AdaptiveRuns.Call> calls = AdaptiveRuns.run(rt, 60);
            assertWithMessage("%s", calls.stream().map(c -> c.choice().configuration()).distinct().toList())
                    .that(alone(calls, "int8")).isEqualTo(0);
            assertWithMessage("the quality-aware policy ran the shared configurations")
                    .that(calls.stream().filter(c -> c.choice().configuration().contains("(qaws-ts)")).count())
                    .isGreaterThan(0L);
        }
    }
}
