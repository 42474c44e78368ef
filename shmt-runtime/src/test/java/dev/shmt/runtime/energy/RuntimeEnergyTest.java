package dev.shmt.runtime.energy;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.Energy;
import dev.shmt.api.EnergySettings;
import dev.shmt.api.FloatArray;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.emulate.Profile;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.spi.DevicePower;
import dev.shmt.runtime.spi.Plan;
import dev.shmt.runtime.spi.Policy;
import dev.shmt.runtime.spi.QueueView;
import java.util.ArrayList;
import java.util.List;
import dev.shmt.runtime.testing.CopyVop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Energy as users get it: off by default with no thread, per call in every report, modelled when emulating. */
class RuntimeEnergyTest {
    private static final String PROFILE = """
            {"profile": "watts", "platform_idle_w": 5.0, "devices": [
              {"name": "slowcpu", "kind": "CPU", "precision": "FP32", "workers": 1, "hlop_us": 1000,
               "vops": {"copy": {"ns_per_cell": 2000}}, "power": {"idle_w": 1.0, "active_w": 3.0}}]}
            """;

    @Test
    void energyIsOffByDefault_noMeterIsReadAndNoSamplingThreadRuns() {
        FloatArray a = FloatArray.create(4096);
        try (Shmt rt = ShmtRuntime.builder().devices("cpu").build()) {
            Report r = rt.execute(CopyVop.of(a, FloatArray.create(a.length())));
            assertThat(r.energy().measured()).isFalse();
            assertThat(r.energy().isOff()).isTrue();
            assertThat(r.energy().unavailable()).isEqualTo(Energy.OFF);
            assertThat(rt.energy().enabled()).isFalse();
            assertThat(r.toTable()).doesNotContain("energy");
            assertThat(EnergyMonitorTest.threadAlive("shmt-energy-sampler")).isFalse();
        }
    }

    @Test
    void anEmulatedCallTakesThePlatformsIdlePlusEachDevicesPowerAboveIdleOverItsModelledBusyTime(@TempDir Path dir)
            throws Exception {
        Path p = dir.resolve("p.json");
        Files.writeString(p, PROFILE);
        FloatArray a = FloatArray.create(8 * 1024);
        double dilation = 2;
        try (ShmtRuntime rt = ShmtRuntime.builder().emulate(p.toString(), dilation).energy(EnergySettings.ON).build()) {
            Report r = rt.execute(CopyVop.of(a, FloatArray.create(a.length())));
            Energy e = r.energy();
            // 8 HLOPs of 1 ms + 1024 cells x 2 us, at 3 - 1 W above idle: modelled, so exact.
            assertThat(e.reading("emulated:slowcpu").joules()).isWithin(1e-12).of(2.0 * 8 * 3.048e-3);
            assertThat(e.reading("emulated:slowcpu").method()).startsWith("modelled: profile watts");
            // The platform's idle over the call in emulated time: the window is the real time over the dilation.
            assertThat(e.reading("emulated:platform-idle").joules()).isWithin(5.0 * 1e-3).of(5.0 * e.windowNanos() / 1e9);
            assertThat(e.windowNanos()).isLessThan(r.wallNanos());
            assertThat(e.totalJoules()).isWithin(1e-12).of(e.reading("emulated:slowcpu").joules()
                    + e.reading("emulated:platform-idle").joules());
            assertThat(r.toTable()).contains("energy: ");
            assertThat(EnergyMonitorTest.threadAlive("shmt-energy-sampler")).isFalse(); // models are counters
            assertThat(rt.energy().unavailable()).isNull();
        }
    }

    @Test
    void policiesSeeEachDevicesModelledPower(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("p.json");
        Files.writeString(p, PROFILE);
        try (ShmtRuntime rt = ShmtRuntime.builder().emulate(p.toString(), 1).energy(EnergySettings.ON).build()) {
            EnergyMonitor m = (EnergyMonitor) rt.energy();
            DevicePower power = m.power("slowcpu");
            assertThat(power.activeWatts()).isEqualTo(3.0);
            assertThat(power.idleWatts()).isEqualTo(1.0);
            assertThat(power.source()).startsWith("modelled");
        }
    }

    @Test
    void aPolicySeesEachDevicesPowerThroughItsQueues(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("p.json");
        Files.writeString(p, PROFILE);
        List<DevicePower> seen = new ArrayList<>();
        Policy policy = new Policy() {
            @Override
            public String name() {
                return "watts-aware";
            }

            @Override
            public Plan plan(VopCall call, List<Region> regions, List<QueueView> eligible) {
                eligible.forEach(q -> seen.add(q.power()));
                return new Plan(new int[regions.size()], 0);
            }
        };
        try (ShmtRuntime rt = ShmtRuntime.builder().emulate(p.toString(), 1).energy(EnergySettings.ON).policy(policy)
                .build()) {
            rt.execute(CopyVop.of(FloatArray.create(1024), FloatArray.create(1024)));
        }
        assertThat(seen).containsExactly(new DevicePower(3.0, 1.0, seen.get(0).source()));
        assertThat(seen.get(0).source()).startsWith("modelled: profile watts");
        seen.clear();
        try (ShmtRuntime rt = ShmtRuntime.builder().emulate(p.toString(), 1).policy(policy).build()) {
            rt.execute(CopyVop.of(FloatArray.create(1024), FloatArray.create(1024)));
        }
        assertThat(seen).containsExactly(DevicePower.UNKNOWN); // energy off: nothing to weigh
    }

    @Test
    void aShippedProfileWithoutPowerFiguresWouldSaySo(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("p.json");
        Files.writeString(p, PROFILE.replace("\"platform_idle_w\": 5.0, ", "")
                .replace(", \"power\": {\"idle_w\": 1.0, \"active_w\": 3.0}", ""));
        try (ShmtRuntime rt = ShmtRuntime.builder().emulate(p.toString(), 1).energy(EnergySettings.ON).build()) {
            Report r = rt.execute(CopyVop.of(FloatArray.create(1024), FloatArray.create(1024)));
            assertThat(r.energy().unavailable()).contains("profile watts gives no power figures");
        }
    }

    @Test
    void halfThePowerFiguresAreRefusedNamingTheField(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("p.json");
        Files.writeString(p, PROFILE.replace("\"platform_idle_w\": 5.0, ", ""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Profile.load(p.toString()));
        assertThat(e).hasMessageThat().contains("platform_idle_w");
        Files.writeString(p, PROFILE.replace("\"active_w\": 3.0", "\"active_w\": 0.5"));
        e = assertThrows(IllegalArgumentException.class, () -> Profile.load(p.toString()));
        assertThat(e).hasMessageThat().contains("active_w");
    }

    @Test
    void theShippedProfilesCarryPowerFiguresThatReadBackThroughTheWriter() {
        for (String name : Profile.SHIPPED) {
            Profile p = Profile.load(name);
            assertThat(p.platformIdleWatts()).isGreaterThan(0.0);
            p.devices().forEach(d -> assertThat(d.power()).isNotNull());
            assertThat(dev.shmt.runtime.emulate.ProfileIo.roundTrip(p)).isEqualTo(p);
        }
    }

    @Test
    void anIdleBaselineAskedForAtBuildIsMeasuredBeforeAnyCall(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("p.json");
        Files.writeString(p, PROFILE);
        try (ShmtRuntime rt = ShmtRuntime.builder().emulate(p.toString(), 1)
                .energy(EnergySettings.ON.withIdleBaseline(Duration.ofMillis(60))).build()) {
            assertThat(rt.energy().idle().totalWatts()).isWithin(0.05).of(5.0);
            Report r = rt.execute(CopyVop.of(FloatArray.create(1024), FloatArray.create(1024)));
            assertThat(r.energy().aboveIdleJoules()).isWithin(1e-3).of(r.energy().reading("emulated:slowcpu").joules());
        }
    }
}
