package dev.shmt.samples.cli.bench;

import dev.shmt.api.DeviceInfo;
import dev.shmt.api.Report;
import dev.shmt.runtime.RuntimeBuilder;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.trace.ChromeTrace;
import dev.shmt.samples.apps.BenchApp;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a {@link BenchPlan}: per app, prepares the input and reference once, then per policy builds a
 * runtime, runs the warm-ups, times the runs, and measures the last run's quality. Each app's table
 * is printed as soon as its policies are done. A policy whose runs fail gets a row with the error and
 * the others still run.
 */
public final class BenchRunner {
    /** Warm-up goes on, past the asked-for runs, until this much time has passed or {@link #MAX_WARMUP} runs. */
    static final long MIN_WARMUP_NANOS = 1_000_000_000L;
    static final int MAX_WARMUP = 100;

    private final BenchPlan plan;
    private final Progress progress;
    private final ChromeTrace trace;

    /** @param trace collects every timed run's calls, or null */
    BenchRunner(BenchPlan plan, Progress progress, ChromeTrace trace) {
        this.plan = plan;
        this.progress = progress;
        this.trace = trace;
    }

    public List<RunResult> run(PrintStream out) {
        List<RunResult> all = new ArrayList<>();
        for (BenchPlan.AppRun a : plan.apps()) {
            progress.show("preparing " + a.app().name() + " (input, reference, models)");
            BenchApp.Instance instance = a.app().prepare(a.size(), plan.seed());
            progress.step(a.app().name());
            List<RunResult> rows = new ArrayList<>();
            for (String policy : plan.policies()) {
                rows.add(runPolicy(a, instance, policy));
            }
            rows = withBaselines(rows);
            progress.clear();
            BenchTable.print(out, a, plan, rows);
            all.addAll(rows);
        }
        progress.clear();
        return all;
    }

    private RunResult runPolicy(BenchPlan.AppRun a, BenchApp.Instance instance, String policy) {
        String label = a.app().name() + " " + policy;
        List<String> devices = policy.startsWith("single:") ? List.of(policy.substring("single:".length())) : plan.devices();
        double[] latency = new double[plan.repeat()];
        List<Report> last = List.of();
        int retries = 0;
        Set<String> incidents = new LinkedHashSet<>();
        RuntimeBuilder b = ShmtRuntime.builder().devices(plan.devices().toArray(new String[0])).policy(policy)
                .cpuThreads(plan.cpuThreads());
        a.app().hint(b, a.tile(), a.size());
        try (ShmtRuntime rt = b.build()) {
            // At least the asked-for runs, and (if any) for at least a second: the JIT compiles a kernel
            // only after thousands of invocations, and the policy measured first must not pay for it.
            long warmStart = System.nanoTime();
            for (int i = 0; i < plan.warmup() || (plan.warmup() > 0 && i < MAX_WARMUP
                    && System.nanoTime() - warmStart < MIN_WARMUP_NANOS); i++) {
                progress.show(label + " warm-up");
                noteIncidents(instance.run(rt), incidents);
                if (i < plan.warmup()) {
                    progress.step(label);
                }
            }
            for (int i = 0; i < plan.repeat(); i++) {
                progress.show(label + " run " + (i + 1));
                long t0 = System.nanoTime();
                last = instance.run(rt);
                latency[i] = (System.nanoTime() - t0) / 1e6;
                noteIncidents(last, incidents);
                retries += last.stream().mapToInt(Report::retries).sum();
                progress.step(label);
                if (trace != null) {
                    for (Report r : last) {
                        trace.add(label, r);
                    }
                }
            }
            BenchApp.Quality q = instance.quality();
            return new RunResult(a.app().name(), a.app().sizeUnit(), a.size(), a.tile(), policy, devices,
                    plan.warmup(), latency, hlops(last), steals(last), samplingShare(last), q, retries,
                    List.copyOf(incidents), null, null, Double.NaN);
        } catch (RuntimeException e) {
            return new RunResult(a.app().name(), a.app().sizeUnit(), a.size(), a.tile(), policy, devices,
                    plan.warmup(), new double[0], Map.of(), 0, Double.NaN, null, retries, List.copyOf(incidents),
                    String.valueOf(e.getMessage() == null ? e : e.getMessage()).strip().replaceAll("\\s*\\R\\s*", "; "),
                    null, Double.NaN);
        }
    }

    /** Every row gets the fastest single device's median of its app (none when no single run succeeded). */
    private static List<RunResult> withBaselines(List<RunResult> rows) {
        RunResult best = null;
        for (RunResult r : rows) {
            if (r.single() && !r.failed() && (best == null || r.medianMs() < best.medianMs())) {
                best = r;
            }
        }
        if (best == null) {
            return rows;
        }
        List<RunResult> out = new ArrayList<>(rows.size());
        for (RunResult r : rows) {
            out.add(r.withBestSingle(best.policy(), best.medianMs()));
        }
        return out;
    }

    /** Each distinct failure and quarantine in {@code reports}, so a device that faltered is never hidden. */
    private static void noteIncidents(List<Report> reports, Set<String> incidents) {
        for (Report r : reports) {
            for (DeviceInfo d : r.quarantined()) {
                incidents.add(d.name() + " quarantined: " + d.cause());
            }
            for (Report.HlopRecord h : r.hlops()) {
                for (String f : h.failures()) {
                    // The HLOP index varies from run to run; the failure itself is the news.
                    incidents.add("HLOP re-run after " + f.replaceAll("HLOP \\d+", "HLOP n"));
                }
            }
        }
    }

    /** HLOPs per device over the run's calls, every runtime device listed (0 for none). */
    private static Map<String, Integer> hlops(List<Report> reports) {
        Map<String, Integer> n = new LinkedHashMap<>();
        for (Report r : reports) {
            for (Report.DeviceSummary d : r.devices()) {
                n.merge(d.device(), d.hlops(), Integer::sum);
            }
        }
        return n;
    }

    private static int steals(List<Report> reports) {
        return reports.stream().mapToInt(Report::steals).sum();
    }

    /** Sampling time over wall time, over all of the run's calls. */
    private static double samplingShare(List<Report> reports) {
        long sampling = 0;
        long wall = 0;
        for (Report r : reports) {
            sampling += r.samplingNanos();
            wall += r.wallNanos();
        }
        return wall == 0 ? 0 : (double) sampling / wall;
    }
}
