package dev.shmt.bench.format;

import dev.shmt.api.Cores;
import dev.shmt.bench.results.AppResults;
import dev.shmt.bench.results.Estimate;
import dev.shmt.bench.results.Learned;
import dev.shmt.bench.results.RunResult;
import dev.shmt.bench.results.SameConfiguration;
import dev.shmt.bench.results.Selection;
import dev.shmt.bench.results.SteadyState;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text table {@code ./shmt bench} prints per app: one row per policy. */
final class BenchTable {
    private static final String ROW = "  %-15s %9s %-17s %-20s %-16s %-22s %6s %10s %9s %11s %7s %10s%n";

    private BenchTable() {}

    static void print(PrintStream out, AppResults app) {
        List<RunResult> rows = app.rows();
        out.printf(Locale.ROOT, "%n%s: %d (%s), tile %d; input %s; devices %s; %s%n", app.app(), app.size(),
                app.sizeUnit(), app.tile(), app.input(), devices(app.devices(), rows), rounds(app.repeat(), rows));
        RunResult.Emulated e = rows.isEmpty() ? null : rows.get(0).emulated();
        if (e != null) {
            List<String> load = new ArrayList<>();
            e.load().forEach((d, q) -> load.add(String.format(Locale.ROOT, "%s %.2f", d, q)));
            out.printf(Locale.ROOT, "  EMULATED: %s; every modelled time x%.3g (dilation), divided out of every figure"
                    + " below; real computing per modelled time: %s%n", e.profile(), e.dilation(), String.join(", ", load));
            if (e.overruns() != null) {
                out.printf(Locale.ROOT, "  ! emulated HLOPs overran (their real computing outlasted the dilated time, so"
                        + " their times are too long): %s; give a larger --dilation%n", e.overruns());
            }
        }
        out.printf(Locale.ROOT, ROW, "policy", "median ms", "(min - max)", "speedup [95% CI]", "efficiency [CI]",
                "HLOP share", "steals", "error_rate", "MAPE %", "paper MAPE%", "SSIM", "RMSE");
        for (RunResult r : rows) {
            if (r.failed()) {
                out.printf(Locale.ROOT, "  %-15s %s: %s%n", r.policy(), r.declined() ? "not run" : "failed", r.error());
                continue;
            }
            var q = r.quality();
            out.printf(Locale.ROOT, ROW, r.policy() + (r.settled() ? "" : "~"), ms(r.medianMs()),
                    "(" + ms(r.minMs()) + " - " + ms(r.maxMs()) + ")", ratio(r.speedup(), "x"),
                    ratio(r.efficiency(), ""), share(r.hlops()), r.steals(),
                    q == null ? "-" : sig(q.errorRate()), q == null ? "-" : sig(q.mapePercent()),
                    q == null || Double.isNaN(q.paperMapePercent()) ? "-" : sig(q.paperMapePercent()),
                    q == null || q.ssim() == null ? "-" : String.format(Locale.ROOT, "%.4f", q.ssim()),
                    q == null ? "-" : sig(q.rmse()));
            for (String incident : r.incidents()) {
                out.printf(Locale.ROOT, "    ! %s%n", incident);
            }
        }
        for (RunResult r : rows) {
            if (!r.failed() && !r.settled()) {
                out.printf(Locale.ROOT, "  ~ %s: not steady after %d warm-up rounds (%.0f s cap; its last rounds differ by"
                        + " more than %.0f%%); timed anyway, read its figures with care%n", r.policy(), r.warmupRounds(),
                        app.warmupCapSeconds(), 100 * SteadyState.TOLERANCE);
            }
        }
        for (RunResult r : rows) {
            if (!r.failed() && !r.hlopSlowdown().isEmpty()) {
                List<String> parts = new ArrayList<>();
                r.hlopSlowdown().forEach((d, x) -> parts.add(Double.isNaN(x) ? d + " ran none"
                        : String.format(Locale.ROOT, "%s %.2fx", d, x)));
                out.printf(Locale.ROOT, "  co-running %s: HLOP time against the device alone: %s%n", r.policy(),
                        String.join(", ", parts));
            }
        }
        for (SameConfiguration same : SameConfiguration.ofRuns(rows)) {
            out.printf(Locale.ROOT, "  same configuration (A/A): %s all ran %s alone; their medians differ by %.3fx,"
                    + " so differences between rows below that are this machine's noise%n",
                    String.join(", ", same.policies()), same.device(), same.spread());
        }
        for (RunResult r : rows) {
            if (r.cpuPath() != null) {
                RunResult.CpuPath p = r.cpuPath();
                out.printf(Locale.ROOT, "  cpu path: %.1f us per HLOP through the runtime (single:cpu), %.1f us for the"
                        + " bare kernel on the same regions and cores: %s%n", p.runtimeUs(), p.bareUs(), ratio(p.ratio(), "x"));
            }
        }
        for (RunResult r : rows) {
            if (!r.failed() && r.learned() != null) {
                learned(out, r);
            }
        }
        EnergyTable.print(out, app);
        selection(out, rows, app.selectionMissing());
        quantized(out, rows);
        RunResult any = rows.stream().filter(r -> r.bestSingle() != null).findFirst().orElse(null);
        out.println(any == null ? "  speedup: no single-device run succeeded, so there is no baseline"
                : "  speedup: per round against that round's fastest single device or library (overall "
                        + any.bestSingle() + ", " + ms(any.bestSingleMs()) + " ms); efficiency: ideal time (host"
                        + " work between calls + 1 / sum(1 / T_single in calls) over the devices) over the measured"
                        + " time; HLOP share over the timed rounds; steals"
                        + " and quality from one more run; paper MAPE: 100 x mean|out - ref| / |mean ref|, as the SHMT"
                        + " artifact computes what the paper calls MAPE");
    }

    /** What a choosing policy settled on per VOP, after how many calls, and what learning cost against the best fixed row. */
    private static void learned(PrintStream out, RunResult r) {
        Learned l = r.learned();
        for (Learned.Vop v : l.vops()) {
            out.printf(Locale.ROOT, "  %s learned %s: %s (settled after %d of %d calls, %d exploring)%n", r.policy(),
                    v.vop(), v.configuration(), v.settledAfter(), v.calls(), v.exploring());
        }
        if (l.against() != null) {
            out.printf(Locale.ROOT, "  %s regret against %s (%s ms a run): %+.1f ms over all %d runs (%+.1f%%), %+.1f ms"
                    + " over the %d timed (%+.1f%%)%n", r.policy(), l.against(), ms(l.againstMs()), l.regretMs(), l.runs(),
                    100 * l.regretMs() / (l.runs() * l.againstMs()), l.timedRegretMs(), l.timedRuns(),
                    100 * l.timedRegretMs() / (l.timedRuns() * l.againstMs()));
        }
    }

    /** Each co-execution row's choice of HLOPs for the approximate device, against picking them at random. */
    /** Per row whose approximate device said how it quantized: HLOPs per output-scale ladder step, and saturation. */
    private static void quantized(PrintStream out, List<RunResult> rows) {
        List<String> parts = new ArrayList<>();
        String device = null;
        for (RunResult r : rows) {
            Selection s = r.failed() ? null : r.selection();
            if (s == null || s.quantized() == null) {
                continue;
            }
            device = s.device();
            Selection.Quantized q = s.quantized();
            StringBuilder steps = new StringBuilder();
            for (int i = 0; i < q.steps().length; i++) {
                steps.append(i == 0 ? "" : "/").append(q.steps()[i]);
            }
            parts.add(String.format(Locale.ROOT, "%s %s, %.3f%%/%.2f%%", r.policy(), steps, 100 * q.meanSaturated(),
                    100 * q.maxSaturated()));
        }
        if (!parts.isEmpty()) {
            out.printf(Locale.ROOT, "  %s output scales (HLOPs at ladder step 0/1/2/..., step k covering 2^(-k/2) of the"
                    + " worst case; saturated outputs, mean/max per HLOP): %s%n", device, String.join("; ", parts));
        }
    }

    private static void selection(PrintStream out, List<RunResult> rows, String missing) {
        List<RunResult> chosen = rows.stream().filter(r -> !r.failed() && r.selection() != null && !r.single()).toList();
        if (chosen.isEmpty()) {
            if (missing != null) {
                out.printf(Locale.ROOT, "  selection gain: not measured: %s%n", missing);
            }
            return;
        }
        Selection first = chosen.get(0).selection();
        out.printf(Locale.ROOT, "  choice of %s HLOPs (%s alone: error_rate %s); gain = error_rate / (%s share x that),"
                + " 1.00 = HLOPs picked at random; rank corr. = Spearman of criticality vs each HLOP's real %s error:%n",
                first.device(), first.device(), sig(first.deviceOnlyErrorRate()), first.device(), first.device());
        out.printf(Locale.ROOT, "    %-15s %9s %7s %11s%n", "policy", "share", "gain", "rank corr.");
        for (RunResult r : chosen) {
            Selection s = r.selection();
            out.printf(Locale.ROOT, "    %-15s %8.1f%% %7s %11s%n", r.policy(), 100 * s.share(),
                    s.gain() == null ? "-" : String.format(Locale.ROOT, "%.2f", s.gain()),
                    s.rankCorrelation() == null ? "-" : String.format(Locale.ROOT, "%.2f", s.rankCorrelation()));
        }
    }

    private static String devices(List<String> names, List<RunResult> rows) {
        Map<String, Cores> cores = rows.stream().filter(r -> !r.cores().isEmpty()).map(RunResult::cores).findFirst()
                .orElse(Map.of());
        List<String> parts = new ArrayList<>();
        for (String d : names) {
            Cores c = cores.get(d);
            parts.add(c == null ? d : c.pinned() ? d + " on core" + (c.list().matches("\\d+") ? " " : "s ") + c.list()
                    : d + " on any core (" + c.unpinned() + ")");
        }
        return String.join(", ", parts);
    }

    private static String rounds(int repeat, List<RunResult> rows) {
        int warm = rows.stream().filter(r -> r.learned() == null).mapToInt(RunResult::warmupRounds).max().orElse(0);
        StringBuilder alone = new StringBuilder();
        for (RunResult r : rows) {
            if (r.learned() != null && r.warmupRounds() > warm) {
                alone.append(", ").append(r.policy()).append(" ").append(r.warmupRounds() - warm)
                        .append(" more alone while learning");
            }
        }
        return warm + " warm-up" + alone + " + " + repeat + " timed round(s), interleaved";
    }

    private static String ratio(Estimate e, String unit) {
        if (!e.present()) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f%s [%.2f-%.2f]", e.median(), unit, e.low(), e.high());
    }

    private static String ms(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String sig(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3g", v);
    }

    /** "cpu 72% npu 28%": devices that ran at least one HLOP. */
    static String share(Map<String, Integer> hlops) {
        int total = hlops.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Integer> e : hlops.entrySet()) {
            if (e.getValue() > 0) {
                sb.append(sb.length() == 0 ? "" : " ").append(e.getKey()).append(' ')
                        .append(Math.round(100.0 * e.getValue() / total)).append('%');
            }
        }
        return sb.toString();
    }
}
