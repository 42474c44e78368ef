package dev.shmt.samples.cli.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text table {@code ./shmt bench} prints per app: one row per policy. */
final class BenchTable {
    private static final String ROW = "  %-11s %10s %-19s %8s  %-24s %6s %10s %9s %7s %10s%n";

    private BenchTable() {}

    static void print(PrintStream out, BenchPlan.AppRun a, BenchPlan plan, List<RunResult> rows) {
        out.printf(Locale.ROOT, "%n%s: %d (%s), tile %d; devices %s; %d warm-up + %d timed run(s) per policy%n",
                a.app().name(), a.size(), a.app().sizeUnit(), a.tile(), String.join(", ", plan.devices()),
                plan.warmup(), plan.repeat());
        out.printf(Locale.ROOT, ROW, "policy", "median ms", "(min - max)", "speedup", "HLOP share", "steals",
                "error_rate", "MAPE %", "SSIM", "RMSE");
        for (RunResult r : rows) {
            if (r.failed()) {
                out.printf(Locale.ROOT, "  %-11s failed: %s%n", r.policy(), r.error());
                continue;
            }
            var q = r.quality();
            out.printf(Locale.ROOT, ROW, r.policy(), ms(r.medianMs()), "(" + ms(r.minMs()) + " - " + ms(r.maxMs()) + ")",
                    Double.isNaN(r.speedup()) ? "-" : String.format(Locale.ROOT, "%.2fx", r.speedup()),
                    share(r.hlops()), r.steals(), sig(q.errorRate()), sig(q.mapePercent()),
                    q.ssim() == null ? "-" : String.format(Locale.ROOT, "%.4f", q.ssim()), sig(q.rmse()));
            for (String incident : r.incidents()) {
                out.printf(Locale.ROOT, "    ! %s%n", incident);
            }
        }
        RunResult any = rows.stream().filter(r -> r.bestSingle() != null).findFirst().orElse(null);
        out.println(any == null ? "  speedup: no single-device run succeeded, so there is no baseline"
                : "  speedup against the fastest single device, " + any.bestSingle() + " (" + ms(any.bestSingleMs())
                        + " ms); HLOP share, steals and quality from the last timed run");
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
