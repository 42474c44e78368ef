package dev.shmt.bench.run;

import dev.shmt.api.Cores;
import dev.shmt.api.PolicyName;
import dev.shmt.api.Energy;
import dev.shmt.api.IdlePower;
import dev.shmt.api.Report;
import dev.shmt.bench.results.EnergyFigures;
import dev.shmt.bench.results.Estimate;
import dev.shmt.bench.results.Learned;
import dev.shmt.bench.results.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One app's rows from what its policies measured. Speedup is taken per round against that round's
 * fastest single device or library, co-execution efficiency per round against that round's single-device
 * times; a failed policy's row carries its error.
 */
final class Rows {
    private Rows() {}

    /**
     * @param bare the bare CPU kernel's runs; null when it did not run
     * @param emulated the app's emulation; null on this machine's devices
     */
    static List<RunResult> of(BenchPlan plan, BenchPlan.AppRun a, List<PolicyRun> runs, PolicyRun bare,
                              SelectionEval selection, RunResult.Emulated emulated, IdlePower idle) {
        int rounds = plan.repeat();
        Map<String, Integer> singleOf = new LinkedHashMap<>();
        List<PolicyRun> baselines = new ArrayList<>(); // what a user could pick instead: one device, or a library
        for (int i = 0; i < runs.size(); i++) {
            PolicyRun r = runs.get(i);
            if (r.error == null && r.single()) {
                singleOf.put(r.name.device(), i);
                baselines.add(r);
            } else if (r.error == null && r.library()) {
                baselines.add(r);
            }
        }
        PolicyRun best = null;
        for (PolicyRun r : baselines) {
            if (best == null || Estimate.median(r.latencies()) < Estimate.median(best.latencies())) {
                best = r;
            }
        }
        PolicyRun gpu = singleOf.containsKey("gpu") ? runs.get(singleOf.get("gpu")) : null;
        List<RunResult> rows = new ArrayList<>();
        long seed = plan.seed();
        for (PolicyRun r : runs) {
            seed = seed * 31 + 17;
            if (r.error != null) {
                rows.add(failed(a, r.policy, r.devices, r.cores, r.warmups, r.retries,
                        List.copyOf(r.incidents), r.error, r.declined));
                continue;
            }
            double[] lat = r.latencies();
            double[] speedup = new double[baselines.isEmpty() ? 0 : rounds];
            boolean multi = r.rt != null && !r.single() && singleOf.keySet().containsAll(r.devices);
            double[] efficiency = new double[multi ? rounds : 0];
            for (int k = 0; k < rounds; k++) {
                double fastest = Double.MAX_VALUE;
                for (PolicyRun b : baselines) {
                    fastest = Math.min(fastest, b.timed.get(k));
                }
                // Runs per ms summed over the devices, each at its own single-device pace inside the calls;
                // the host work between calls is no device's to share (Amdahl).
                double rate = 0;
                for (Map.Entry<String, Integer> e : singleOf.entrySet()) {
                    if (r.devices.contains(e.getKey())) {
                        PolicyRun s = runs.get(e.getValue());
                        rate += 1 / (s.timed.get(k) - s.hostMs.get(k));
                    }
                }
                if (speedup.length > 0) {
                    speedup[k] = fastest / lat[k];
                }
                if (multi) {
                    efficiency[k] = (r.hostMs.get(k) + 1 / rate) / lat[k];
                }
            }
            RunResult.CpuPath cpuPath = null;
            if (bare != null && bare.error == null && r.policy.equals(PolicyName.single("cpu").toString())) {
                double[] ratio = new double[rounds];
                for (int k = 0; k < rounds; k++) {
                    ratio[k] = r.hlopUs.get(k) / bare.hlopUs.get(k);
                }
                cpuPath = new RunResult.CpuPath(Estimate.median(toArray(r.hlopUs)), Estimate.median(toArray(bare.hlopUs)),
                        Estimate.of(ratio, seed + 2));
            }
            Map<String, Double> slowdown = new LinkedHashMap<>();
            if (multi && r.choices.isEmpty()) { // a learning policy's tiles are not the single rows' tiles
                for (String d : r.devices) {
                    PolicyRun alone = runs.get(singleOf.get(d));
                    List<Double> ratios = new ArrayList<>();
                    for (int k = 0; k < rounds; k++) {
                        double q = r.deviceHlopUs.get(d).get(k) / alone.deviceHlopUs.get(d).get(k);
                        if (!Double.isNaN(q)) {
                            ratios.add(q);
                        }
                    }
                    slowdown.put(d, Estimate.median(toArray(ratios)));
                }
            }
            rows.add(new RunResult(a.app().name(), a.app().sizeUnit(), a.size(), a.tile(), r.policy, r.devices,
                    r.cores, r.warmups, r.settled, lat, Estimate.of(speedup, seed), Estimate.of(efficiency, seed + 1),
                    r.timedHlops.isEmpty() ? hlops(r.last) : r.timedHlops, steals(r.last), samplingShare(r.last),
                    r.quality, r.retries,
                    List.copyOf(r.incidents), null, best == null ? null : best.policy,
                    best == null ? Double.NaN : Estimate.median(best.latencies()), cpuPath, slowdown,
                    selection.of(r), emulated, false, energy(r, best, gpu, idle, seed + 3), learned(r, runs)));
        }
        return rows;
    }

    /**
     * What {@code r} learned, if its policy chose per call, and its regret against the fixed policy with the
     * lowest median among {@code runs} (not a library, not the bare kernel, not another choosing policy).
     */
    private static Learned learned(PolicyRun r, List<PolicyRun> runs) {
        if (r.choices.isEmpty()) {
            return null;
        }
        PolicyRun fixed = null;
        for (PolicyRun o : runs) {
            if (o.rt != null && o.error == null && o.choices.isEmpty() && !o.timed.isEmpty()
                    && (fixed == null || Estimate.median(o.latencies()) < Estimate.median(fixed.latencies()))) {
                fixed = o;
            }
        }
        double best = fixed == null ? Double.NaN : Estimate.median(fixed.latencies());
        double regret = 0;
        for (double ms : r.warm) {
            regret += ms - best;
        }
        double timed = 0;
        for (double ms : r.timed) {
            timed += ms - best;
        }
        return new Learned(Learned.of(r.choiceVops, r.choices), fixed == null ? null : fixed.policy, best,
                regret + timed, r.warm.size() + r.timed.size(), timed, r.timed.size());
    }

    /**
     * {@code r}'s energy per round, against {@code fastest}'s and {@code gpu}'s in the same round; null
     * when a round went unmeasured (energy off, or no meter gave a total).
     */
    private static EnergyFigures energy(PolicyRun r, PolicyRun fastest, PolicyRun gpu, IdlePower idle, long seed) {
        int rounds = r.timed.size();
        if (r.energy.size() != rounds || rounds == 0 || r.energy.stream().anyMatch(e -> Double.isNaN(e.totalJoules()))) {
            return null;
        }
        double[] joules = new double[rounds];
        double[] watts = new double[rounds];
        double[] above = new double[rounds];
        double[] edp = new double[rounds];
        double[] error = new double[rounds];
        double[] vsFastest = against(r, fastest);
        double[] vsGpu = against(r, gpu);
        Map<String, List<Double>> channels = new LinkedHashMap<>();
        Map<String, String> methods = new LinkedHashMap<>();
        for (int k = 0; k < rounds; k++) {
            Energy e = r.energy.get(k);
            double seconds = r.timed.get(k) / 1e3;
            joules[k] = e.totalJoules();
            error[k] = e.totalErrorJoules();
            watts[k] = e.meanWatts();
            above[k] = idle == null ? Double.NaN : e.totalJoules() - idle.totalWatts() * e.windowNanos() / 1e9;
            edp[k] = e.totalJoules() * seconds;
            for (Energy.Reading c : e.readings()) {
                channels.computeIfAbsent(c.key(), x -> new ArrayList<>()).add(c.joules());
                // The sample count varies by round; the method is the same.
                methods.put(c.key(), c.method().replaceAll(" \\(\\d+ samples\\)", ""));
            }
        }
        Map<String, Double> perChannel = new LinkedHashMap<>();
        channels.forEach((k, v) -> perChannel.put(k, Estimate.median(toArray(v))));
        return new EnergyFigures(Estimate.of(joules, seed), Estimate.of(watts, seed + 1),
                idle == null ? Estimate.NONE : Estimate.of(above, seed + 2), Estimate.of(edp, seed + 3),
                vsFastest == null ? Estimate.NONE : Estimate.of(vsFastest, seed + 4),
                vsGpu == null ? Estimate.NONE : Estimate.of(vsGpu, seed + 5), perChannel, methods,
                r.energy.get(rounds - 1).totalFrom(), Estimate.median(error));
    }

    /** Per round, {@code r}'s energy over {@code base}'s in the same round; null without {@code base}'s energy. */
    private static double[] against(PolicyRun r, PolicyRun base) {
        if (base == null || base.energy.size() != r.energy.size()) {
            return null;
        }
        double[] ratio = new double[r.energy.size()];
        for (int k = 0; k < ratio.length; k++) {
            ratio[k] = r.energy.get(k).totalJoules() / base.energy.get(k).totalJoules();
        }
        return ratio;
    }

    private static RunResult failed(BenchPlan.AppRun a, String policy, List<String> devices, Map<String, Cores> cores,
                                    int warmupRounds, int retries, List<String> incidents, String error, boolean declined) {
        return new RunResult(a.app().name(), a.app().sizeUnit(), a.size(), a.tile(), policy, devices, cores,
                warmupRounds, false, new double[0], Estimate.NONE, Estimate.NONE, Map.of(), 0, Double.NaN, null,
                retries, incidents, error, null, Double.NaN, null, Map.of(), null, null, declined, null, null);
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
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
