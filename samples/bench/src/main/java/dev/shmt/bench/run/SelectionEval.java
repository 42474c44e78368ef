package dev.shmt.bench.run;

import dev.shmt.api.DeviceDeclinedException;
import dev.shmt.api.DeviceInfo;
import dev.shmt.api.PolicyName;
import dev.shmt.api.Precision;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.apps.BenchApp;
import dev.shmt.bench.results.RowLabel;
import dev.shmt.bench.results.Selection;
import dev.shmt.bench.results.Spearman;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Measures {@link Selection} for every row of one app. What it compares against comes from the rows
 * when the plan has them ({@code single:<approximate device>}, {@code oracle}), else from one untimed
 * evaluation run each: the approximate device alone (its whole error) and the oracle (each HLOP's real
 * error, from its trial runs on the precise and the approximate device).
 */
final class SelectionEval {
    private final Map<PolicyRun, Selection> selections = new LinkedHashMap<>();
    /** Why nothing was measured, when nothing was; null otherwise. */
    private String missing;

    private SelectionEval() {}

    String missing() {
        return missing;
    }

    Selection of(PolicyRun r) {
        return selections.get(r);
    }

    /**
     * @param build the runtime builder of a policy, with the plan's devices and settings
     * @return no selections, with {@link #missing} saying why, when the runtimes have devices of one
     *     precision only or an evaluation run fails
     */
    static SelectionEval measure(BenchApp.Instance instance, List<PolicyRun> runs, Function<String, Shmt.Builder> build,
            Progress progress) {
        SelectionEval e = new SelectionEval();
        String approx = approximateDevice(runs);
        if (approx == null) {
            e.missing = "every device used has one precision, so there is no approximate device to choose HLOPs for";
            return e;
        }
        PolicyRun alone = runs.stream().filter(r -> r.policy.equals(PolicyName.single(approx).toString()) && r.quality != null)
                .findFirst().orElse(null);
        double aloneError;
        List<Report> oracle;
        try {
            aloneError = alone != null ? alone.quality.errorRate()
                    : evaluate(instance, build.apply(PolicyName.single(approx).toString()), progress,
                            PolicyName.single(approx).toString()).quality;
            PolicyRun o = runs.stream().filter(r -> RowLabel.basePolicy(r.policy).equals("oracle") && r.quality != null)
                    .findFirst().orElse(null);
            oracle = o != null ? o.last : evaluate(instance, build.apply("oracle"), progress, "oracle").reports;
        } catch (DeviceDeclinedException ex) {
            progress.clear();
            e.missing = ex.device() + " takes none of " + ex.vop() + " (" + ex.reason() + ")";
            return e;
        } catch (RuntimeException ex) {
            progress.clear();
            e.missing = "its evaluation run failed: " + ex.getMessage();
            return e;
        }
        for (PolicyRun r : runs) {
            if (r.quality == null || r.rt == null) {
                continue;
            }
            double share = share(r.last, approx);
            Double gain = r.single() || !(share > 0) ? null
                    : r.quality.errorRate() / (share * aloneError);
            e.selections.put(r, new Selection(approx, share, aloneError, gain, rankCorrelation(r.last, oracle),
                    quantized(r.last, approx)));
        }
        return e;
    }

    /** The least precise available device when the runtimes mix precisions; else null. */
    private static String approximateDevice(List<PolicyRun> runs) {
        for (PolicyRun r : runs) {
            if (r.rt == null) {
                continue;
            }
            List<DeviceInfo> used = r.rt.devices().stream().filter(DeviceInfo::available).toList();
            DeviceInfo least = null;
            Precision most = null;
            for (DeviceInfo d : used) {
                if (least == null || !d.precision().atLeast(least.precision())) {
                    least = d;
                }
                if (most == null || d.precision().atLeast(most)) {
                    most = d.precision();
                }
            }
            return least != null && least.precision() != most ? least.name() : null;
        }
        return null;
    }

    private record Evaluation(double quality, List<Report> reports) {}

    private static Evaluation evaluate(BenchApp.Instance instance, Shmt.Builder b, Progress progress, String what) {
        progress.show("evaluating " + what + " (untimed)");
        try (Shmt rt = b.build()) {
            instance.clearOutput();
            List<Report> reports = instance.run(rt);
            return new Evaluation(instance.quality().errorRate(), reports);
        }
    }

    /** How {@code device} quantized the run's HLOPs; null when it said nothing about any. */
    static Selection.Quantized quantized(List<Report> reports, String device) {
        int[] steps = new int[0];
        double sum = 0;
        double max = 0;
        int n = 0;
        for (Report r : reports) {
            for (Report.HlopRecord h : r.hlops()) {
                Report.Quantization q = h.quantization();
                if (q == null || !h.device().equals(device)) {
                    continue;
                }
                if (q.step() >= steps.length) {
                    steps = Arrays.copyOf(steps, q.step() + 1);
                }
                steps[q.step()]++;
                sum += q.saturated();
                max = Math.max(max, q.saturated());
                n++;
            }
        }
        return n == 0 ? null : new Selection.Quantized(steps, sum / n, max);
    }

    /** Output cells computed on {@code device} over all cells, over the run's calls. */
    static double share(List<Report> reports, String device) {
        long on = 0;
        long all = 0;
        for (Report r : reports) {
            for (Report.HlopRecord h : r.hlops()) {
                long cells = (long) h.region().rows() * h.region().cols();
                all += cells;
                if (h.device().equals(device)) {
                    on += cells;
                }
            }
        }
        return all == 0 ? Double.NaN : (double) on / all;
    }

    /**
     * Spearman correlation of the run's criticality scores with the oracle's measured errors, HLOP by
     * HLOP within each call (a policy ranks HLOPs within a call), averaged over calls weighted by their
     * HLOPs; null when the run scored nothing or its calls do not match the oracle's.
     */
    static Double rankCorrelation(List<Report> run, List<Report> oracle) {
        if (run.size() != oracle.size()) {
            return null;
        }
        double sum = 0;
        int n = 0;
        for (int c = 0; c < run.size(); c++) {
            double[] scores = byIndex(run.get(c));
            double[] errors = byIndex(oracle.get(c));
            if (scores.length != errors.length) {
                return null;
            }
            List<double[]> pairs = new ArrayList<>();
            for (int i = 0; i < scores.length; i++) {
                if (!Double.isNaN(scores[i]) && !Double.isNaN(errors[i])) {
                    pairs.add(new double[] {scores[i], errors[i]});
                }
            }
            if (pairs.size() < 3) {
                continue;
            }
            double rho = Spearman.correlation(pairs.stream().mapToDouble(p -> p[0]).toArray(),
                    pairs.stream().mapToDouble(p -> p[1]).toArray());
            if (!Double.isNaN(rho)) {
                sum += rho * pairs.size();
                n += pairs.size();
            }
        }
        return n == 0 ? null : sum / n;
    }

    private static double[] byIndex(Report r) {
        double[] s = new double[r.hlops().size()];
        Arrays.fill(s, Double.NaN);
        for (Report.HlopRecord h : r.hlops()) {
            if (h.index() >= 0 && h.index() < s.length) {
                s[h.index()] = h.criticality();
            }
        }
        return s;
    }
}
