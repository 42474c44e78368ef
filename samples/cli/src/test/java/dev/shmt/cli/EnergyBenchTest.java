package dev.shmt.cli;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Energy in {@code ./shmt bench}: modelled when emulating, measured with a meter, said why when there is none. */
class EnergyBenchTest {
    @Test
    void anEmulatedBenchGivesEachRowItsModelledEnergy_perDevice(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("r.json");
        BenchCommandTest.Run r = BenchCommandTest.shmt("bench", "sobel", "--size", "256", "--tile", "64",
                "--emulate", "jetson-nano-edgetpu", "--repeat", "3", "--warmup", "0", "--no-progress",
                "--report", report.toString(), "--plot", dir.resolve("p.png").toString());
        assertWithMessage("stdout:%n%s%nstderr:%n%s", r.out(), r.err()).that(r.code()).isEqualTo(0);
        assertThat(r.out()).contains("energy per run, total of emulated:platform-idle + emulated:gpu + emulated:cpu"
                + " + emulated:npu; idle 3.02 W (modelled)");
        for (var e : JsonParser.parseString(Files.readString(report)).getAsJsonObject().getAsJsonArray("runs")) {
            JsonObject run = e.getAsJsonObject();
            String policy = run.get("policy").getAsString();
            JsonObject energy = run.getAsJsonObject("energy");
            JsonObject ch = energy.getAsJsonObject("channels");
            double total = energy.get("joules_per_run").getAsDouble();
            assertWithMessage(policy).that(total).isGreaterThan(0.0);
            assertWithMessage(policy).that(energy.get("energy_vs_single_gpu").isJsonNull()).isFalse();
            assertWithMessage(policy).that(energy.get("edp_joule_seconds").getAsDouble()).isGreaterThan(0.0);
            // The idle platform draws 3.02 W over the whole run, so a run's mean power is at least that.
            assertWithMessage(policy).that(energy.get("mean_watts").getAsDouble()).isAtLeast(3.02 * 0.999);
            for (String d : new String[] {"gpu", "cpu", "npu"}) {
                double j = ch.getAsJsonObject("emulated:" + d).get("joules").getAsDouble();
                if (policy.startsWith("single:") && !policy.equals("single:" + d)) {
                    assertWithMessage("%s: %s ran nothing, so it drew nothing above idle", policy, d).that(j).isEqualTo(0.0);
                } else if (policy.equals("single:" + d)) {
                    assertWithMessage("%s: %s", policy, d).that(j).isGreaterThan(0.0);
                }
            }
            assertThat(ch.getAsJsonObject("emulated:gpu").get("method").getAsString())
                    .isEqualTo("modelled: profile jetson-nano-edgetpu: 1.45 W above idle while busy, 20.0 pJ per bus byte");
        }
    }

    @Test
    void withoutAMeterTheBenchSaysWhyOnce_andWithNoEnergyItSaysThat(@TempDir Path dir) {
        // No meter, whatever this machine has: every meter pointed at nothing.
        System.setProperty("shmt.energy.powercap", dir.resolve("none").toString());
        System.setProperty("shmt.energy.sysfs", dir.resolve("none").toString());
        System.setProperty("shmt.energy.nvml", dir.resolve("none").toString());
        try {
            noMeter();
        } finally {
            System.clearProperty("shmt.energy.powercap");
            System.clearProperty("shmt.energy.sysfs");
            System.clearProperty("shmt.energy.nvml");
        }
    }

    private static void noMeter() {
        BenchCommandTest.Run r = BenchCommandTest.shmt("bench", "sobel", "--size", "128", "--tile", "64",
                "--devices", "cpu", "--repeat", "1", "--warmup", "0", "--no-progress");
        assertWithMessage("stdout:%n%s%nstderr:%n%s", r.out(), r.err()).that(r.code()).isEqualTo(0);
        assertThat(r.out()).contains("energy: not measured: no energy meter works here: ");
        assertThat(r.out()).contains("rapl: ");
        assertThat(r.out().split("energy: not measured", -1)).hasLength(2);
        assertThat(r.out()).doesNotContain("energy per run");
        r = BenchCommandTest.shmt("bench", "sobel", "--size", "128", "--tile", "64", "--devices", "cpu", "--repeat",
                "1", "--warmup", "0", "--no-progress", "--no-energy");
        assertThat(r.out()).contains("energy: not measured: --no-energy");
    }

    @Test
    void anExternalMeterIsSampledIntoEachRow(@TempDir Path dir) throws Exception {
        Path watts = dir.resolve("watts");
        Files.writeString(watts, "7.5\n");
        System.setProperty("shmt.power.meter", watts.toString());
        try {
            Path report = dir.resolve("r.json");
            BenchCommandTest.Run r = BenchCommandTest.shmt("bench", "sobel", "--size", "128", "--tile", "64",
                    "--devices", "cpu", "--repeat", "2", "--warmup", "0", "--no-progress", "--idle-seconds", "0.2",
                    "--report", report.toString());
            assertWithMessage("stdout:%n%s%nstderr:%n%s", r.out(), r.err()).that(r.code()).isEqualTo(0);
            assertThat(r.out()).contains("energy: measured per timed run; idle power measured for 0.2 s");
            assertThat(r.out()).contains("external:meter sampled every 10 ms");
            for (var e : JsonParser.parseString(Files.readString(report)).getAsJsonObject().getAsJsonArray("runs")) {
                JsonObject energy = e.getAsJsonObject().getAsJsonObject("energy");
                // A constant 7.5 W: mean power exactly that, nothing above idle.
                assertThat(energy.get("mean_watts").getAsDouble()).isWithin(1e-6).of(7.5);
                assertThat(energy.get("joules_above_idle").getAsDouble()).isWithin(1e-6).of(0.0);
            }
            assertThat(r.out()).contains("energy sampling threads");
        } finally {
            System.clearProperty("shmt.power.meter");
        }
    }
}
