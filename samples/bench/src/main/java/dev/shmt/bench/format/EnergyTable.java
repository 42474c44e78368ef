package dev.shmt.bench.format;

import dev.shmt.api.IdlePower;
import dev.shmt.bench.results.AppResults;
import dev.shmt.bench.results.EnergyFigures;
import dev.shmt.bench.results.Estimate;
import dev.shmt.bench.results.RunResult;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The energy rows under an app's table: per policy its joules per run, power, EDP and energy ratios. */
final class EnergyTable {
    private static final String ROW = "  %-15s %-26s %8s %-24s %-24s %-19s %-19s%n";

    private EnergyTable() {}

    static void print(PrintStream out, AppResults app) {
        List<RunResult> rows = app.rows().stream().filter(r -> !r.failed() && r.energy() != null).toList();
        if (rows.isEmpty()) {
            return;
        }
        EnergyFigures first = rows.get(0).energy();
        IdlePower idle = app.idle();
        out.printf(Locale.ROOT, "  energy per run, total of %s%s:%n", first.totalFrom(), idle == null ? ""
                : idle.measuredNanos() == 0 ? String.format(Locale.ROOT, "; idle %.3g W (modelled)", idle.totalWatts())
                : String.format(Locale.ROOT, "; idle %.3g W (measured over %.1f s before the first round)",
                        idle.totalWatts(), idle.measuredNanos() / 1e9));
        out.printf(Locale.ROOT, ROW, "policy", "J/run [95% CI]", "mean W", "above idle J [CI]", "EDP J*s [CI]",
                "vs fastest single", rows.stream().anyMatch(r -> r.energy().vsGpu().present()) ? "vs single:gpu" : "");
        for (RunResult r : rows) {
            EnergyFigures e = r.energy();
            out.printf(Locale.ROOT, ROW, r.policy(), est(e.joules(), ""), sig(e.watts().median()),
                    est(e.aboveIdle(), ""), est(e.edp(), ""), ratio(e.vsFastest()), ratio(e.vsGpu()));
        }
        Map<String, String> methods = new LinkedHashMap<>();
        rows.forEach(r -> methods.putAll(r.energy().methods()));
        StringBuilder how = new StringBuilder();
        methods.forEach((k, m) -> how.append(how.length() == 0 ? "" : "; ").append(k).append(' ').append(m));
        out.printf(Locale.ROOT, "  energy: per round, the run's joules (windows around each timed run), its mean power,"
                + " joules x seconds, and its joules over those of that round's fastest single device (or library)"
                + " and of single:gpu; channels: %s%n", how);
    }

    private static String est(Estimate e, String unit) {
        if (!e.present()) {
            return "-";
        }
        return sig(e.median()) + unit + " [" + sig(e.low()) + "-" + sig(e.high()) + "]";
    }

    private static String ratio(Estimate e) {
        return e.present() ? String.format(Locale.ROOT, "%.2fx [%.2f-%.2f]", e.median(), e.low(), e.high()) : "-";
    }

    private static String sig(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3g", v);
    }
}
