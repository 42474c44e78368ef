package dev.shmt.cli;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shmt.apps.Apps;
import dev.shmt.apps.BenchApp;
import dev.shmt.apps.histogram.HistogramNpu;
import dev.shmt.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./shmt bench} end to end at a tiny size, through the same entry point the script runs. */
class BenchCommandTest {
    record Run(int code, String out, String err) {}

    static Run shmt(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The rows where a device declines the app's VOP with its reason (no measurements). */
    private static boolean declined(String app, String policy) {
        return app.equals("histogram") && policy.equals("single:npu");
    }

    @Test
    void tinyBenchOfEveryAppWritesReportTraceAndPlot(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        Path trace = dir.resolve("trace.json");
        Path plot = dir.resolve("plot.png");
        Run r = shmt("bench", "--size", "64", "--devices", "cpu,npu", "--repeat", "2",
                "--warmup", "1", "--no-progress", "--report", report.toString(), "--trace", trace.toString(),
                "--plot", plot.toString());
        assertWithMessage("stdout:%n%s%nstderr:%n%s", r.out, r.err).that(r.code).isEqualTo(0);
        List<String> apps = Apps.all().stream().map(BenchApp::name).toList();
        assertThat(apps).containsExactly("blackscholes", "sobel", "fft", "laplacian", "meanfilter", "hotspot", "dwt",
                "dct8x8", "srad", "histogram").inOrder();
        for (String app : apps) {
            assertWithMessage("a table per app").that(r.out).contains(app + ": 64 (");
        }
        assertWithMessage("the input in each table's head").that(r.out.lines()
                .filter(l -> l.contains("; input generated (seed 42); devices ")).count()).isEqualTo((long) apps.size());

        JsonObject doc = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
        JsonObject machine = doc.getAsJsonObject("machine");
        assertThat(machine.get("cores").getAsInt()).isAtLeast(1);
        Set<String> deviceNames = new HashSet<>();
        machine.getAsJsonArray("devices").forEach(d -> deviceNames.add(d.getAsJsonObject().get("name").getAsString()));
        assertThat(deviceNames).containsAtLeast("cpu", "npu");

        var runs = doc.getAsJsonArray("runs");
        // The FFT also times JTransforms, and three apps OpenCV (on the tests' class path), as baselines a user
        // could pick.
        Set<String> withOpenCv = Set.of("laplacian", "meanfilter", "histogram");
        assertThat(runs.size()).isEqualTo(apps.size() * 5 + 1 + withOpenCv.size());
        int i = 0;
        for (String app : apps) {
            List<String> policies = app.equals("fft") ? List.of("single:cpu", "single:npu", "ws", "qaws-ts", "adaptive",
                    "lib:jtransforms") : withOpenCv.contains(app) ? List.of("single:cpu", "single:npu", "ws", "qaws-ts",
                    "adaptive", "lib:opencv") : List.of("single:cpu", "single:npu", "ws", "qaws-ts", "adaptive");
            double best = Double.MAX_VALUE;
            double[] fastestInRound = {Double.MAX_VALUE, Double.MAX_VALUE};
            for (String policy : policies) {
                JsonObject run = runs.get(i + policies.indexOf(policy)).getAsJsonObject();
                if (declined(app, policy)) {
                    continue;
                }
                if (policy.startsWith("single:") || policy.startsWith("lib:")) {
                    best = Math.min(best, run.getAsJsonObject("latency_ms").get("median").getAsDouble());
                    var rounds = run.getAsJsonObject("latency_ms").getAsJsonArray("rounds");
                    for (int k = 0; k < 2; k++) {
                        fastestInRound[k] = Math.min(fastestInRound[k], rounds.get(k).getAsDouble());
                    }
                }
            }
            for (String policy : policies) {
                JsonObject run = runs.get(i++).getAsJsonObject();
                String what = app + " " + policy;
                assertThat(run.get("app").getAsString()).isEqualTo(app);
                assertThat(run.get("policy").getAsString()).isEqualTo(policy);
                assertThat(run.get("input").getAsString()).isEqualTo("generated (seed 42)");
                assertThat(run.get("size").getAsInt()).isEqualTo(64);
                assertThat(run.get("tile").getAsInt()).isAtLeast(1);
                if (declined(app, policy)) {
                    // The NPU has no int8 histogram: its row says why, and the bench goes on (exit code 0).
                    assertWithMessage(what).that(run.get("declined").getAsBoolean()).isTrue();
                    assertWithMessage(what).that(run.get("error").getAsString()).contains(HistogramNpu.REASON);
                    assertWithMessage(what).that(r.out).contains("  single:npu      not run: policy single:npu: device"
                            + " npu cannot run Histogram.hist256: no int8 form of Histogram.hist256: ");
                    continue;
                }
                assertThat(run.get("repeat").getAsInt()).isEqualTo(2);
                JsonObject lat = run.getAsJsonObject("latency_ms");
                double median = lat.get("median").getAsDouble();
                assertWithMessage(what).that(lat.get("min").getAsDouble()).isAtMost(median);
                assertWithMessage(what).that(lat.get("max").getAsDouble()).isAtLeast(median);
                assertWithMessage(what).that(median).isGreaterThan(0.0);
                assertWithMessage(what).that(run.get("best_single_ms").getAsDouble()).isEqualTo(best);
                // Per round against that round's fastest single device; the median of two is their mean.
                var rounds = lat.getAsJsonArray("rounds");
                assertThat(rounds.size()).isEqualTo(2);
                double expected = (fastestInRound[0] / rounds.get(0).getAsDouble()
                        + fastestInRound[1] / rounds.get(1).getAsDouble()) / 2;
                double speedup = run.get("speedup_vs_best_single").getAsDouble();
                assertWithMessage(what).that(speedup).isWithin(1e-9 * expected).of(expected);
                JsonObject ci = run.getAsJsonObject("speedup_ci");
                assertWithMessage(what).that(ci.get("low").getAsDouble()).isAtMost(speedup);
                assertWithMessage(what).that(ci.get("high").getAsDouble()).isAtLeast(speedup);
                assertThat(ci.get("rounds").getAsInt()).isEqualTo(2);
                boolean alone = policy.startsWith("single:") || policy.startsWith("lib:");
                // Efficiency needs every device's time alone: without the NPU's, histogram's ws and qaws-ts have none.
                boolean noIdeal = alone || app.equals("histogram");
                assertWithMessage("%s: efficiency only for co-execution", what).that(run.get("efficiency").isJsonNull())
                        .isEqualTo(noIdeal);
                if (!noIdeal) {
                    assertWithMessage(what).that(run.get("efficiency").getAsDouble()).isGreaterThan(0.0);
                    assertThat(run.getAsJsonObject("efficiency_ci").get("high").getAsDouble())
                            .isAtLeast(run.get("efficiency").getAsDouble());
                }
                assertWithMessage("%s: the bare-kernel comparison sits on single:cpu", what)
                        .that(run.has("cpu_path")).isEqualTo(policy.equals("single:cpu"));
                if (policy.equals("single:cpu")) {
                    assertThat(run.getAsJsonObject("cpu_path").get("bare_us_per_hlop").getAsDouble()).isGreaterThan(0.0);
                }
                assertThat(run.get("warmup").getAsInt()).isAtLeast(1);
                assertThat(run.has("settled")).isTrue();
                assertWithMessage("%s: what was learned, on the adaptive row only", what).that(run.has("learned"))
                        .isEqualTo(policy.equals("adaptive"));
                if (policy.equals("adaptive")) {
                    JsonObject learned = run.getAsJsonObject("learned");
                    assertWithMessage(what).that(learned.getAsJsonArray("vops").size()).isAtLeast(1);
                    assertWithMessage(what).that(learned.get("runs").getAsInt()).isAtLeast(3);
                    assertWithMessage(what).that(r.out).contains("  adaptive regret against ");
                }
                JsonObject cores = run.getAsJsonObject("cores");
                if (policy.startsWith("lib:")) {
                    assertWithMessage("%s: on the cpu device's cores", what).that(cores.keySet()).containsExactly("cpu");
                    assertWithMessage(what).that(run.getAsJsonObject("hlops").size()).isEqualTo(0);
                    assertWithMessage(what).that(run.getAsJsonObject("quality").get("error_rate").getAsDouble())
                            .isLessThan(1e-5);
                    continue;
                }
                assertWithMessage(what).that(cores.keySet()).containsExactly("cpu", "npu");
                if (cores.getAsJsonObject("cpu").get("pinned").getAsBoolean()) {
                    assertWithMessage("%s: cpu and npu on cores of their own", what)
                            .that(cores.getAsJsonObject("cpu").get("list").getAsString())
                            .isNotEqualTo(cores.getAsJsonObject("npu").get("list").getAsString());
                }
                int hlops = 0;
                for (var e : run.getAsJsonObject("hlops").entrySet()) {
                    hlops += e.getValue().getAsInt();
                    if (policy.startsWith("single:") && !e.getKey().equals(policy.substring(7))) {
                        assertWithMessage("%s ran HLOPs on %s", what, e.getKey()).that(e.getValue().getAsInt()).isEqualTo(0);
                    }
                }
                assertWithMessage(what).that(hlops).isGreaterThan(0);
                assertThat(run.get("steals").getAsInt()).isAtLeast(0);
                assertThat(run.get("sampling_share").getAsDouble()).isAtLeast(0.0);
                // Healthy devices: nothing re-run, nothing quarantined (else each would be listed).
                assertWithMessage("%s retries", run.get("policy")).that(run.get("retries").getAsInt()).isEqualTo(0);
                assertWithMessage("%s incidents", run.get("policy")).that(run.getAsJsonArray("incidents").size())
                        .isEqualTo(0);
                JsonObject q = run.getAsJsonObject("quality");
                double errorRate = q.get("error_rate").getAsDouble();
                if (policy.equals("single:cpu")) {
                    assertWithMessage("%s is fp32 against a double reference", what).that(errorRate).isLessThan(1e-5);
                } else {
                    // The Laplacian and the wavelet's highpass cells are near 0 on flat tiles, so their mean |ref| is
                    // small: 0.138 (Laplacian) and 0.252 (dwt) measured here at 64 x 64, one tile.
                    double ceiling = app.equals("laplacian") ? 0.2 : app.equals("dwt") ? 0.35 : 0.1;
                    assertWithMessage("%s: int8 is approximate but close", what).that(errorRate).isLessThan(ceiling);
                }
                assertThat(q.get("rmse").getAsDouble()).isAtLeast(0.0);
                assertThat(q.has("mape")).isTrue();
                // SSIM for the filtered images, the temperatures, SRAD's image and the wavelet's coefficients; not for
                // the FFT's spectra, DCT8x8's coefficient blocks or the histogram's bins.
                assertWithMessage("%s: SSIM only for images", what).that(q.get("ssim").isJsonNull())
                        .isEqualTo(List.of("blackscholes", "fft", "dct8x8", "histogram").contains(app));
            }
        }

        var events = JsonParser.parseString(Files.readString(trace)).getAsJsonObject().getAsJsonArray("traceEvents");
        long hlopEvents = 0;
        for (JsonElement e : events) {
            JsonObject o = e.getAsJsonObject();
            if (o.get("ph").getAsString().equals("X") && !o.get("cat").getAsString().equals("call")) {
                hlopEvents++;
            }
        }
        assertWithMessage("every timed run's HLOPs are in the trace").that(hlopEvents).isGreaterThan(0L);

        byte[] png = Files.readAllBytes(plot);
        assertThat(png.length).isGreaterThan(1000);
        assertWithMessage("PNG signature").that(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    @Test
    void inputPhotosRunsTheAppsThatTakeAnImageAndSaysSo(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        Run r = shmt("bench", "--input", "photos", "--size", "16", "--devices", "cpu", "--policy", "single:cpu",
                "--repeat", "1", "--warmup", "0", "--no-energy", "--no-progress", "--report", report.toString());
        assertWithMessage("stdout:%n%s%nstderr:%n%s", r.out, r.err).that(r.code).isEqualTo(0);
        String input = "photos (14 bundled photographs, mosaic 4x4)";
        List<String> images = Apps.all().stream().filter(BenchApp::takesImageInput).map(BenchApp::name).toList();
        assertThat(images).hasSize(8);
        for (String app : images) {
            List<String> heads = r.out.lines().filter(l -> l.startsWith(app + ": 16 (")).toList();
            assertWithMessage("%s's table", app).that(heads).hasSize(1);
            assertWithMessage("%s's table head", app).that(heads.get(0)).contains("; input " + input + "; devices ");
        }
        assertWithMessage("apps that take no image are left out").that(r.out).doesNotContain("blackscholes:");
        assertWithMessage("apps that take no image are left out").that(r.out).doesNotContain("hotspot:");
        Set<String> ran = new HashSet<>();
        for (JsonElement e : JsonParser.parseString(Files.readString(report)).getAsJsonObject().getAsJsonArray("runs")) {
            JsonObject run = e.getAsJsonObject();
            ran.add(run.get("app").getAsString());
            assertWithMessage("input of %s", run.get("app")).that(run.get("input").getAsString()).isEqualTo(input);
        }
        assertThat(ran).containsExactlyElementsIn(images);
    }

    @Test
    void criticalFractionsGiveARowEachAndEveryRowSaysHowWellItChoseNpuTiles(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        // 128 x 128 in 32 x 32 tiles: 16 HLOPs, so random@0.5 puts exactly 8 on the npu.
        Run r = shmt("bench", "sobel", "--size", "128", "--tile", "32", "--devices", "cpu,npu", "--policy",
                "ws,qaws-ts,random", "--critical-fraction", "0.25,0.5", "--repeat", "1", "--warmup", "0",
                "--no-progress", "--report", report.toString());
        assertWithMessage("stdout:%n%s%nstderr:%n%s", r.out, r.err).that(r.code).isEqualTo(0);
        assertThat(r.out).contains("choice of npu HLOPs");
        JsonObject doc = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
        List<String> policies = new ArrayList<>();
        for (JsonElement e : doc.getAsJsonArray("runs")) {
            JsonObject run = e.getAsJsonObject();
            String policy = run.get("policy").getAsString();
            policies.add(policy);
            assertWithMessage(policy).that(run.get("approximate_device").getAsString()).isEqualTo("npu");
            double alone = run.get("approximate_only_error_rate").getAsDouble();
            assertWithMessage(policy).that(alone).isGreaterThan(0.0);
            double share = run.get("approximate_share").getAsDouble();
            double error = run.getAsJsonObject("quality").get("error_rate").getAsDouble();
            if (policy.startsWith("single:") || share == 0) {
                assertWithMessage(policy).that(run.get("selection_gain").isJsonNull()).isTrue();
            } else {
                assertWithMessage(policy).that(run.get("selection_gain").getAsDouble())
                        .isWithin(1e-9).of(error / (share * alone));
            }
            assertWithMessage("%s: only scoring policies correlate", policy)
                    .that(run.get("criticality_rank_correlation").isJsonNull())
                    .isEqualTo(!policy.startsWith("qaws-"));
            if (policy.equals("random@0.5")) {
                assertWithMessage(policy).that(share).isEqualTo(0.5);
            }
            if (policy.equals("single:npu")) {
                assertWithMessage(policy).that(share).isEqualTo(1.0);
                assertWithMessage("the npu alone is its own reference").that(alone).isEqualTo(error);
            }
        }
        assertThat(policies).containsExactly("single:cpu", "single:npu", "ws", "qaws-ts@0.25", "qaws-ts@0.5",
                "random@0.25", "random@0.5").inOrder();
    }

    @Test
    void devicesListsEveryDeviceWithItsStatus() {
        Run r = shmt("devices");
        assertThat(r.code).isEqualTo(0);
        assertThat(r.out).contains("cpu ");
        assertThat(r.out).contains("npu ");
        assertThat(r.out).contains("gpu ");
        assertThat(r.out).containsMatch("(?m)^gpu .*(available|unavailable: .+)$");
    }
}
