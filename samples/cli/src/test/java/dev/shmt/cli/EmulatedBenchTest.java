package dev.shmt.cli;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shmt.runtime.emulate.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./shmt bench --emulate}, its sweep, and {@code ./shmt profile}, end to end at tiny sizes. */
class EmulatedBenchTest {
    @Test
    void benchOnAShippedProfileRunsTheEmulatedDevicesAndSaysSo(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("r.json");
        BenchCommandTest.Run r = BenchCommandTest.shmt("bench", "sobel", "--size", "256", "--tile", "64",
                "--emulate", "jetson-nano-edgetpu", "--repeat", "2", "--warmup", "0", "--no-progress",
                "--report", report.toString());
        assertWithMessage("stdout:%n%s%nstderr:%n%s", r.out(), r.err()).that(r.code()).isEqualTo(0);
        assertThat(r.out()).contains("EMULATED: jetson-nano-edgetpu; every modelled time x");
        JsonArray runs = JsonParser.parseString(Files.readString(report)).getAsJsonObject().getAsJsonArray("runs");
        List<String> policies = new ArrayList<>();
        for (var e : runs) {
            JsonObject run = e.getAsJsonObject();
            policies.add(run.get("policy").getAsString());
            assertWithMessage("%s", run).that(run.has("error")).isFalse();
            JsonObject emu = run.getAsJsonObject("emulated");
            assertThat(emu.get("profile").getAsString()).isEqualTo("jetson-nano-edgetpu");
            assertThat(emu.get("dilation").getAsDouble()).isAtLeast(1.0);
            assertThat(emu.getAsJsonObject("load").keySet()).containsExactly("gpu", "cpu", "npu");
        }
        assertWithMessage("no bare kernel or library rows: they would run on this machine")
                .that(policies).containsExactly("single:gpu", "single:cpu", "single:npu", "ws", "qaws-ts", "adaptive")
                .inOrder();
    }

    /** The emulated npu computes with the real one, which declines the histogram: its row says so, nothing fails. */
    @Test
    void anAppTheEmulatedNpuDeclinesRunsOnTheOthersWithTheReason() {
        BenchCommandTest.Run r = BenchCommandTest.shmt("bench", "histogram", "--size", "256", "--emulate",
                "jetson-nano-edgetpu", "--repeat", "1", "--warmup", "0", "--no-progress");
        assertWithMessage("stdout:%n%s%nstderr:%n%s", r.out(), r.err()).that(r.code()).isEqualTo(0);
        assertThat(r.out()).contains("single:npu      not run: policy single:npu: device npu cannot run Histogram.hist256");
        assertThat(r.out()).containsMatch("single:gpu~? +[0-9.]+ \\(");
        assertThat(r.out()).contains("selection gain: not measured: npu takes none of Histogram.hist256 (no int8 form");
    }

    @Test
    void aSweepPrintsEachPolicyAgainstTheSpeedFactorAndDrawsIt(@TempDir Path dir) throws Exception {
        Path plot = dir.resolve("sweep.png");
        BenchCommandTest.Run r = BenchCommandTest.shmt("bench", "sobel", "--size", "256", "--tile", "64",
                "--emulate", "jetson-nano-edgetpu", "--policy", "ws", "--sweep", "npu=0.5..2", "--sweep-points", "2",
                "--dilation", "4", "--repeat", "1", "--warmup", "0", "--no-progress", "--plot", plot.toString());
        assertWithMessage("stdout:%n%s%nstderr:%n%s", r.out(), r.err()).that(r.code()).isEqualTo(0);
        assertThat(r.out()).contains("=== npu x0.5 ===");
        assertThat(r.out()).contains("=== npu x2 ===");
        assertThat(r.out()).contains("sweep of npu's speed on jetson-nano-edgetpu");
        assertThat(r.out()).contains("EMULATED: jetson-nano-edgetpu, npu x0.5; every modelled time x4");
        assertThat(Files.size(plot)).isGreaterThan(1000L);
    }

    @Test
    void profileMeasuresThisMachinesDevicesIntoAProfileTheBenchReads(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("here.json");
        BenchCommandTest.Run r = BenchCommandTest.shmt("profile", "sobel", "--size", "256", "--repeat", "1",
                "--devices", "cpu,npu", "--out", out.toString());
        assertWithMessage("stdout:%n%s%nstderr:%n%s", r.out(), r.err()).that(r.code()).isEqualTo(0);
        Profile p = Profile.load(out.toString());
        for (String d : List.of("cpu", "npu")) {
            assertWithMessage(d).that(p.device(d).nanosPerCell("Sobel.sobel")).isGreaterThan(0.0);
        }
        BenchCommandTest.Run bench = BenchCommandTest.shmt("bench", "sobel", "--size", "256", "--emulate",
                out.toString(), "--repeat", "1", "--warmup", "0", "--no-progress");
        assertWithMessage("stdout:%n%s%nstderr:%n%s", bench.out(), bench.err()).that(bench.code()).isEqualTo(0);
        assertThat(bench.out()).contains("EMULATED: measured");
    }

    @Test
    void emulateHere_measuresThisMachine_emulatesIt_andComparesPolicyByPolicy(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("r.json");
        BenchCommandTest.Run r = BenchCommandTest.shmt("bench", "blackscholes", "--size", "65536", "--tile", "4096",
                "--devices", "cpu,npu", "--emulate", "here", "--repeat", "2", "--warmup", "1", "--no-progress",
                "--report", report.toString());
        assertWithMessage("stdout:%n%s%nstderr:%n%s", r.out(), r.err()).that(r.code()).isEqualTo(0);
        assertThat(r.out()).contains("EMULATED: here; every modelled time x");
        assertThat(r.out()).contains("against this machine's devices (--against-real)");
        for (String policy : List.of("single:cpu", "single:npu", "ws", "qaws-ts")) {
            // Each policy's line: real and emulated medians, their ratio with its interval, both shares.
            assertWithMessage("%s in:%n%s", policy, r.out()).that(r.out()).containsMatch("(?m)^    " + policy
                    + " +[0-9.]+ +[0-9.]+ +[0-9.]+ \\[[0-9.]+-[0-9.]+\\] +cpu [0-9.]+% npu [0-9.]+% +cpu [0-9.]+% npu"
                    + " [0-9.]+% +[0-9.]+ pts$");
        }
        JsonArray runs = JsonParser.parseString(Files.readString(report)).getAsJsonObject().getAsJsonArray("runs");
        assertThat(runs.size()).isEqualTo(5);
        for (var e : runs) {
            JsonObject against = e.getAsJsonObject().getAsJsonObject("emulated").getAsJsonObject("against_real");
            assertWithMessage("%s", e).that(against.get("real_median_ms").getAsDouble()).isGreaterThan(0.0);
            assertThat(against.get("emulated_over_real").getAsDouble()).isGreaterThan(0.0);
            assertThat(against.getAsJsonObject("emulated_shares").keySet()).isNotEmpty();
        }
    }

    @Test
    void badEmulationArgumentsAreOneLineErrors(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"profile\": \"p\", \"devices\": [{\"name\": \"d\", \"kind\": \"CPU\", "
                + "\"precision\": \"FP32\", \"workers\": 0, \"hlop_us\": 0, \"vops\": {\"v\": {\"ns_per_cell\": 1}}}]}");
        assertThat(BenchCommandTest.shmt("bench", "--emulate", bad.toString()).err())
                .contains("profile " + bad + ": devices[0].workers: expected a number >= 1, got 0");
        assertThat(BenchCommandTest.shmt("bench", "--sweep", "npu=0.1..10").err())
                .contains("--sweep needs --emulate PROFILE");
        assertThat(BenchCommandTest.shmt("bench", "--emulate", "jetson-nano-edgetpu", "--dilation", "0.5").err())
                .contains("--dilation must be a number >= 1, got 0.5");
        assertThat(BenchCommandTest.shmt("bench", "--emulate", "jetson-nano-edgetpu", "--sweep", "tpu=1..2").err())
                .contains("--sweep: profile jetson-nano-edgetpu has no device 'tpu'");
        assertThat(BenchCommandTest.shmt("bench", "--emulate", "jetson-nano-edgetpu", "--sweep", "npu=2..1").err())
                .contains("--sweep: expected 0 < LO <= HI, got npu=2..1");
        assertThat(BenchCommandTest.shmt("bench", "--against-real").err())
                .contains("--against-real needs --emulate PROFILE");
        assertThat(BenchCommandTest.shmt("bench", "--emulate", "here", "--sweep", "npu=1..2").err())
                .contains("--sweep needs a profile to scale; --emulate here measures one per app");
    }
}
