package dev.shmt.bench.format;

import dev.shmt.api.DeviceInfo;
import dev.shmt.bench.results.AgainstReal;
import dev.shmt.bench.results.AppResults;
import dev.shmt.bench.results.EnergyFigures;
import dev.shmt.bench.results.Learned;
import dev.shmt.bench.results.Estimate;
import dev.shmt.bench.results.RunResult;
import dev.shmt.bench.results.Selection;
import dev.shmt.runtime.trace.JsonWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --report} JSON: the machine, then one object per app and policy. Percentages (MAPE, the
 * sampling share) are in percent; error_rate and RMSE are as computed (a fraction, output units);
 * {@code input} says what each app's input was made from ({@code generated (seed 42)}, {@code photos (...)},
 * a path); values that do not apply (SSIM of a non-image, the speedup without a baseline, the efficiency of a
 * single-device row) are null. Latencies are listed per timed round; speedup and efficiency are the
 * median over rounds with a 95% bootstrap interval.
 */
public final class JsonFormat implements ResultFormat {
    private final Path file;
    private final List<DeviceInfo> devices;
    private final PrintStream out;
    /** Each app's input, as its table heads it, for its rows. */
    private final Map<String, String> inputs = new HashMap<>();

    /**
     * @param devices every device the runtime found, available or not, for the report's machine
     * @param out where it says which file it wrote
     */
    public JsonFormat(Path file, List<DeviceInfo> devices, PrintStream out) {
        this.file = file;
        this.devices = devices;
        this.out = out;
    }

    @Override
    public void appDone(AppResults app) {
        inputs.put(app.app(), app.input());
    }

    @Override
    public void runDone(List<RunResult> all) throws IOException {
        Files.writeString(file, json(devices, all, inputs), StandardCharsets.UTF_8);
        out.println("report: " + file);
    }

    /** @param inputs each app's input by app name; an app not in it gets null */
    static String json(List<DeviceInfo> devices, List<RunResult> runs, Map<String, String> inputs) {
        JsonWriter w = new JsonWriter(true);
        w.beginObject().name("machine");
        MachineInfo.write(w, devices);
        w.member("npu_output_scale", dev.shmt.npu.kernels.OutputScale.configured().toString());
        w.name("runs").beginArray();
        for (RunResult r : runs) {
            w.beginObject().member("app", r.app()).member("policy", r.policy());
            if (r.emulated() != null) {
                w.name("emulated").beginObject().member("profile", r.emulated().profile())
                        .member("dilation", r.emulated().dilation()).name("load").beginObject();
                r.emulated().load().forEach(w::member);
                w.endObject();
                w.name("overruns").value(r.emulated().overruns());
                AgainstReal a = r.emulated().against();
                if (a != null) {
                    w.name("against_real").beginObject();
                    if (a.error() != null) {
                        w.member("error", a.error());
                    } else {
                        w.member("real_median_ms", a.realMs());
                        estimate(w, "emulated_over_real", "emulated_over_real_ci", a.ratio());
                        w.name("real_shares").beginObject();
                        a.realShares().forEach(w::member);
                        w.endObject().name("emulated_shares").beginObject();
                        a.emulatedShares().forEach(w::member);
                        w.endObject().member("shares_most_apart_points", a.mostApartPoints());
                    }
                    w.endObject();
                }
                w.endObject();
            }
            w.name("devices").beginArray();
            r.devices().forEach(w::value);
            w.endArray();
            w.member("size", r.size()).member("size_unit", r.sizeUnit()).member("tile", r.tile())
                    .member("input", inputs.get(r.app()))
                    .member("warmup", r.warmupRounds()).member("settled", r.settled()).member("repeat", r.repeat());
            w.name("cores").beginObject();
            r.cores().forEach((device, c) -> {
                w.name(device).beginObject().member("list", c.list()).member("pinned", c.pinned());
                w.name("unpinned").value(c.unpinned());
                w.endObject();
            });
            w.endObject();
            if (r.failed()) {
                w.member("error", r.error()).member("declined", r.declined()).endObject();
                continue;
            }
            w.name("latency_ms").beginObject().member("median", r.medianMs()).member("min", r.minMs())
                    .member("max", r.maxMs());
            w.name("rounds").beginArray();
            for (double ms : r.latencyMs()) {
                w.value(ms);
            }
            w.endArray().endObject();
            w.name("best_single").value(r.bestSingle()).member("best_single_ms", r.bestSingleMs());
            estimate(w, "speedup_vs_best_single", "speedup_ci", r.speedup());
            estimate(w, "efficiency", "efficiency_ci", r.efficiency());
            w.name("hlops").beginObject();
            for (Map.Entry<String, Integer> e : r.hlops().entrySet()) {
                w.member(e.getKey(), e.getValue());
            }
            w.endObject();
            if (r.cpuPath() != null) {
                w.name("cpu_path").beginObject().member("runtime_us_per_hlop", r.cpuPath().runtimeUs())
                        .member("bare_us_per_hlop", r.cpuPath().bareUs());
                estimate(w, "ratio", "ratio_ci", r.cpuPath().ratio());
                w.endObject();
            }
            if (!r.hlopSlowdown().isEmpty()) {
                w.name("hlop_slowdown").beginObject();
                r.hlopSlowdown().forEach(w::member);
                w.endObject();
            }
            if (r.selection() != null) {
                Selection s = r.selection();
                w.member("approximate_device", s.device()).member("approximate_share", s.share())
                        .member("approximate_only_error_rate", s.deviceOnlyErrorRate());
                w.name("selection_gain");
                if (s.gain() == null) {
                    w.nullValue();
                } else {
                    w.value(s.gain());
                }
                w.name("criticality_rank_correlation");
                if (s.rankCorrelation() == null) {
                    w.nullValue();
                } else {
                    w.value(s.rankCorrelation());
                }
                if (s.quantized() != null) {
                    w.name("output_scales").beginObject().name("hlops_per_step").beginArray();
                    for (int n : s.quantized().steps()) {
                        w.value(n);
                    }
                    w.endArray().member("saturated_mean", s.quantized().meanSaturated())
                            .member("saturated_max", s.quantized().maxSaturated()).endObject();
                }
            }
            if (r.energy() != null) {
                energy(w, r.energy());
            }
            if (r.learned() != null) {
                learned(w, r.learned());
            }
            w.member("steals", r.steals()).member("sampling_share", 100 * r.samplingShare());
            w.member("retries", r.retries());
            w.name("incidents").beginArray();
            r.incidents().forEach(w::value);
            w.endArray();
            w.name("quality").beginObject().member("error_rate", r.quality().errorRate())
                    .member("mape", r.quality().mapePercent()).member("paper_mape", r.quality().paperMapePercent());
            w.name("ssim");
            if (r.quality().ssim() == null) {
                w.nullValue();
            } else {
                w.value(r.quality().ssim());
            }
            w.member("rmse", r.quality().rmse()).endObject();
            w.endObject();
        }
        w.endArray().endObject();
        return w + "\n";
    }

    /** What a choosing policy learned per VOP, and its regret against the best fixed policy. */
    private static void learned(JsonWriter w, Learned l) {
        w.name("learned").beginObject();
        w.name("vops").beginArray();
        for (Learned.Vop v : l.vops()) {
            w.beginObject().member("vop", v.vop()).member("configuration", v.configuration()).member("calls", v.calls())
                    .member("settled_after", v.settledAfter()).member("exploring", v.exploring()).endObject();
        }
        w.endArray();
        w.member("regret_against", l.against()).member("regret_against_ms", l.againstMs())
                .member("regret_ms", l.regretMs()).member("runs", l.runs())
                .member("timed_regret_ms", l.timedRegretMs()).member("timed_runs", l.timedRuns());
        w.endObject();
    }

    /** A row's energy: medians over rounds with their intervals, each channel's joules and method. */
    private static void energy(JsonWriter w, EnergyFigures e) {
        w.name("energy").beginObject().member("total_from", e.totalFrom()).member("error_joules", e.errorJoules());
        estimate(w, "joules_per_run", "joules_per_run_ci", e.joules());
        estimate(w, "mean_watts", "mean_watts_ci", e.watts());
        estimate(w, "joules_above_idle", "joules_above_idle_ci", e.aboveIdle());
        estimate(w, "edp_joule_seconds", "edp_ci", e.edp());
        estimate(w, "energy_vs_fastest_single", "energy_vs_fastest_single_ci", e.vsFastest());
        estimate(w, "energy_vs_single_gpu", "energy_vs_single_gpu_ci", e.vsGpu());
        w.name("channels").beginObject();
        e.perChannel().forEach((k, j) -> w.name(k).beginObject().member("joules", j)
                .member("method", e.methods().get(k)).endObject());
        w.endObject().endObject();
    }

    /** The median as {@code name} and its 95% interval as {@code ci}; null for both where it does not apply. */
    private static void estimate(JsonWriter w, String name, String ci, Estimate e) {
        if (!e.present()) {
            w.name(name).nullValue().name(ci).nullValue();
            return;
        }
        w.member(name, e.median()).name(ci).beginObject().member("low", e.low()).member("high", e.high())
                .member("rounds", e.rounds()).endObject();
    }
}
