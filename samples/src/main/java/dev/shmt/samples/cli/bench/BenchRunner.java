package dev.shmt.samples.cli.bench;

import dev.shmt.api.Cores;
import dev.shmt.api.DeviceInfo;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.runtime.RuntimeBuilder;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.affinity.Affinity;
import dev.shmt.runtime.affinity.CoreList;
import dev.shmt.runtime.affinity.CoreSets;
import dev.shmt.runtime.trace.ChromeTrace;
import dev.shmt.samples.apps.BenchApp;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a {@link BenchPlan} so that its figures do not depend on the order things are measured in. Per
 * app: prepares the input and reference once and builds every policy's runtime; warms all policies in
 * interleaved rounds until each one's time is steady ({@link SteadyState}) or the cap is reached; then
 * times {@code repeat} rounds, each running every policy once in an order that rotates from round to
 * round; then runs each policy once more for its HLOP share and quality. Speedup and co-execution
 * efficiency are taken per round, against that round's single-device times. A policy whose runs fail
 * gets a row with the error and the others go on.
 */
public final class BenchRunner {
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
            List<PolicyRun> runs = new ArrayList<>();
            List<PolicyRun> measured = new ArrayList<>(); // the policies, and the bare CPU kernel if any
            try {
                for (String policy : plan.policies()) {
                    runs.add(new PolicyRun(a, policy, build(a, policy)));
                }
                measured.addAll(runs);
                PolicyRun bare = bare(a, runs);
                if (bare != null) {
                    measured.add(bare);
                }
                warmUp(a, instance, measured);
                for (int round = 0; round < plan.repeat(); round++) {
                    for (int k = 0; k < measured.size(); k++) {
                        PolicyRun r = measured.get((round + k) % measured.size());
                        progress.show(r.label + " round " + (round + 1));
                        r.timed(instance, trace);
                        progress.step(r.label);
                    }
                }
                for (PolicyRun r : runs) {
                    progress.show(r.label + " quality");
                    instance.clearOutput();
                    r.last(instance);
                    progress.step(r.label);
                }
            } finally {
                runs.forEach(PolicyRun::close);
            }
            List<RunResult> rows = results(a, runs, measured.size() > runs.size() ? measured.get(runs.size()) : null);
            progress.clear();
            BenchTable.print(out, a, plan, rows);
            all.addAll(rows);
        }
        progress.clear();
        return all;
    }

    /**
     * The bare CPU kernel on single:cpu's regions, on a caller thread pinned to the cpu device's cores;
     * null without a single:cpu runtime.
     */
    private static PolicyRun bare(BenchPlan.AppRun a, List<PolicyRun> runs) {
        for (PolicyRun r : runs) {
            if (r.policy.equals("single:cpu") && r.error == null) {
                Cores c = r.cores.get("cpu");
                BitSet pin = c != null && c.pinned() ? CoreList.parse(c.list(), "cpu") : null;
                return new PolicyRun(a, BareCpu.NAME, new BareCpu(r.rt), pin);
            }
        }
        return null;
    }

    private RuntimeBuilder build(BenchPlan.AppRun a, String policy) {
        // Every policy's runtime has all the plan's devices on the same cores, so a single-device row is
        // measured on the very processors the co-execution rows use.
        RuntimeBuilder b = ShmtRuntime.builder().devices(plan.devices().toArray(new String[0])).policy(policy);
        if (plan.cpuThreads() > 0) {
            b.cpuThreads(plan.cpuThreads());
        }
        if (plan.cpuSets() != null) {
            b.cpuSets(CoreSets.parse(plan.cpuSets(), "--cpu-sets"));
        }
        a.app().hint(b, a.tile(), a.size());
        return b;
    }

    /**
     * Interleaved rounds until every policy is steady, at least {@code plan.warmup()} of them, and no more
     * once the cap has passed: the JIT keeps compiling long after start-up, and no policy may be timed
     * with another's compiled code while its own is still cold.
     */
    private void warmUp(BenchPlan.AppRun a, BenchApp.Instance instance, List<PolicyRun> runs) {
        if (plan.warmup() == 0) {
            return;
        }
        long start = System.nanoTime();
        long cap = (long) (plan.warmupCapSeconds() * 1e9);
        for (int round = 0; ; round++) {
            boolean enough = round >= plan.warmup();
            if (enough && (runs.stream().allMatch(r -> r.settled || r.error != null) || System.nanoTime() - start >= cap)) {
                return;
            }
            for (int k = 0; k < runs.size(); k++) {
                PolicyRun r = runs.get((round + k) % runs.size());
                progress.show(r.label + " warm-up " + (round + 1));
                r.warm(instance);
                if (!enough) {
                    progress.step(r.label);
                }
            }
        }
    }

    private List<RunResult> results(BenchPlan.AppRun a, List<PolicyRun> runs, PolicyRun bare) {
        int rounds = plan.repeat();
        Map<String, Integer> singleOf = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            PolicyRun r = runs.get(i);
            if (r.policy.startsWith("single:") && r.error == null) {
                singleOf.put(r.policy.substring("single:".length()), i);
            }
        }
        PolicyRun best = null;
        for (int i : singleOf.values()) {
            PolicyRun r = runs.get(i);
            if (best == null || Estimate.median(r.latencies()) < Estimate.median(best.latencies())) {
                best = r;
            }
        }
        List<RunResult> rows = new ArrayList<>();
        long seed = plan.seed();
        for (PolicyRun r : runs) {
            seed = seed * 31 + 17;
            if (r.error != null) {
                rows.add(RunResult.failed(a, r.policy, r.devices, r.cores, r.warmups, r.retries,
                        List.copyOf(r.incidents), r.error));
                continue;
            }
            double[] lat = r.latencies();
            double[] speedup = new double[singleOf.isEmpty() ? 0 : rounds];
            boolean multi = !r.policy.startsWith("single:") && singleOf.keySet().containsAll(r.devices);
            double[] efficiency = new double[multi ? rounds : 0];
            for (int k = 0; k < rounds; k++) {
                double fastest = Double.MAX_VALUE;
                double rate = 0; // cells per ms summed over the devices, each at its own single-device pace
                for (Map.Entry<String, Integer> e : singleOf.entrySet()) {
                    double t = runs.get(e.getValue()).timed.get(k);
                    fastest = Math.min(fastest, t);
                    if (r.devices.contains(e.getKey())) {
                        rate += 1 / t;
                    }
                }
                if (speedup.length > 0) {
                    speedup[k] = fastest / lat[k];
                }
                if (multi) {
                    efficiency[k] = (1 / rate) / lat[k];
                }
            }
            RunResult.CpuPath cpuPath = null;
            if (bare != null && bare.error == null && r.policy.equals("single:cpu")) {
                double[] ratio = new double[rounds];
                for (int k = 0; k < rounds; k++) {
                    ratio[k] = r.hlopUs.get(k) / bare.hlopUs.get(k);
                }
                cpuPath = new RunResult.CpuPath(Estimate.median(toArray(r.hlopUs)), Estimate.median(toArray(bare.hlopUs)),
                        Estimate.of(ratio, seed + 2));
            }
            rows.add(new RunResult(a.app().name(), a.app().sizeUnit(), a.size(), a.tile(), r.policy, r.devices,
                    r.cores, r.warmups, r.settled, lat, Estimate.of(speedup, seed), Estimate.of(efficiency, seed + 1),
                    hlops(r.last), steals(r.last), samplingShare(r.last), r.quality, r.retries,
                    List.copyOf(r.incidents), null, best == null ? null : best.policy,
                    best == null ? Double.NaN : Estimate.median(best.latencies()), cpuPath));
        }
        return rows;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** One policy's runtime (or the bare CPU kernel) and everything measured on it. */
    private static final class PolicyRun {
        final String policy;
        final String label;
        final List<String> devices;
        final Map<String, Cores> cores = new LinkedHashMap<>();
        final ShmtRuntime rt;
        /** What runs the app: {@link #rt}, or the bare kernel. */
        final Shmt target;
        /** Cores the calling thread runs on while this runs (the bare kernel), null to leave it. */
        final BitSet pinCaller;
        final List<Double> warm = new ArrayList<>();
        final List<Double> timed = new ArrayList<>();
        /** Per timed round, the mean run time of its HLOPs in microseconds. */
        final List<Double> hlopUs = new ArrayList<>();
        final Set<String> incidents = new LinkedHashSet<>();
        int warmups;
        boolean settled;
        int retries;
        List<Report> last = List.of();
        BenchApp.Quality quality;
        String error;

        PolicyRun(BenchPlan.AppRun a, String policy, RuntimeBuilder b) {
            this.policy = policy;
            this.label = a.app().name() + " " + policy;
            ShmtRuntime built = null;
            List<String> used = List.of();
            try {
                built = b.build();
                used = policy.startsWith("single:") ? List.of(policy.substring("single:".length()))
                        : built.devices().stream().filter(DeviceInfo::available).map(DeviceInfo::name).toList();
                for (DeviceInfo d : built.devices()) {
                    if (d.cores() != null) {
                        cores.put(d.name(), d.cores());
                    }
                }
            } catch (RuntimeException e) {
                error = message(e);
            }
            this.rt = built;
            this.target = built;
            this.pinCaller = null;
            this.devices = used;
        }

        PolicyRun(BenchPlan.AppRun a, String name, Shmt target, BitSet pinCaller) {
            this.policy = name;
            this.label = a.app().name() + " " + name;
            this.rt = null;
            this.target = target;
            this.pinCaller = pinCaller;
            this.devices = List.of("cpu");
        }

        void warm(BenchApp.Instance instance) {
            if (error == null) {
                Double ms = once(instance, null);
                if (ms != null) {
                    warm.add(ms);
                    warmups++;
                    settled |= SteadyState.reached(warm);
                }
            }
        }

        void timed(BenchApp.Instance instance, ChromeTrace trace) {
            if (error == null) {
                Double ms = once(instance, rt == null ? null : trace);
                if (ms != null) {
                    timed.add(ms);
                    retries += last.stream().mapToInt(Report::retries).sum();
                    hlopUs.add(meanHlopUs(last));
                }
            }
        }

        /** One more run, untimed, whose HLOP share and output quality the table shows. */
        void last(BenchApp.Instance instance) {
            if (error == null && once(instance, null) != null) {
                quality = instance.quality();
            }
        }

        /** Milliseconds of one run, or null when it failed (then {@link #error} says why). */
        private Double once(BenchApp.Instance instance, ChromeTrace trace) {
            BitSet before = pinCaller == null ? null : Affinity.allowed();
            try {
                if (pinCaller != null) {
                    Affinity.pinCurrentThread(pinCaller);
                }
                long t0 = System.nanoTime();
                last = instance.run(target);
                double ms = (System.nanoTime() - t0) / 1e6;
                noteIncidents(last, incidents);
                if (trace != null) {
                    for (Report r : last) {
                        trace.add(label, r);
                    }
                }
                return ms;
            } catch (RuntimeException e) {
                error = message(e);
                return null;
            } finally {
                if (before != null) {
                    Affinity.pinCurrentThread(before);
                }
            }
        }

        private static double meanHlopUs(List<Report> reports) {
            long nanos = 0;
            int n = 0;
            for (Report r : reports) {
                for (Report.HlopRecord h : r.hlops()) {
                    nanos += h.runNanos();
                    n++;
                }
            }
            return n == 0 ? Double.NaN : nanos / 1e3 / n;
        }

        double[] latencies() {
            return timed.stream().mapToDouble(Double::doubleValue).toArray();
        }

        void close() {
            if (rt != null) {
                rt.close();
            }
        }

        private static String message(RuntimeException e) {
            return String.valueOf(e.getMessage() == null ? e : e.getMessage()).strip().replaceAll("\\s*\\R\\s*", "; ");
        }
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
