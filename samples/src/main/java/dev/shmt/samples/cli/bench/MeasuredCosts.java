package dev.shmt.samples.cli.bench;

import dev.shmt.api.DeviceInfo;
import dev.shmt.api.Report;
import dev.shmt.runtime.emulate.DeviceModel;
import dev.shmt.runtime.emulate.Profile;
import dev.shmt.runtime.emulate.VopCost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This machine's devices as measured: per device and VOP the time per cell of its HLOPs run alone,
 * and how much slower they ran while the other devices ran theirs; what {@code ./shmt profile} and
 * {@code ./shmt bench --emulate here} turn into a {@link Profile}.
 */
public final class MeasuredCosts {
    /** device -> VOP -> ns per cell alone */
    private final Map<String, Map<String, Double>> alone = new LinkedHashMap<>();
    /** device -> VOP -> slowdown together, at least 1 */
    private final Map<String, Map<String, Double>> together = new LinkedHashMap<>();
    /** device -> per measured run, the time a call spent per HLOP outside its HLOPs (ns) */
    private final Map<String, List<Double>> between = new LinkedHashMap<>();

    /**
     * The time {@code reports}, one device's calls alone with {@code workers} workers, spent per HLOP
     * beyond the HLOPs' own run time: queueing, waking workers, combining results. Folded into the
     * profile's fixed cost per HLOP, so that an emulated device pays it as the real one did.
     */
    public static double betweenNanos(List<Report> reports, int workers) {
        return betweenNanos(reports, workers, null);
    }

    /** As {@link #betweenNanos(List, int)} for {@code device}'s HLOPs in calls all devices ran; null for all. */
    public static double betweenNanos(List<Report> reports, int workers, String device) {
        double wall = 0;
        double run = 0;
        int n = 0;
        for (Report r : reports) {
            wall += r.wallNanos();
            for (Report.HlopRecord h : r.hlops()) {
                if (device == null || h.device().equals(device)) {
                    run += h.runNanos();
                    n++;
                }
            }
        }
        return n == 0 ? 0 : Math.max(0, wall * workers - run) / n;
    }

    /** The median of {@code device}'s measured {@link #between} times; 0 when none. */
    public double between(String device) {
        List<Double> gaps = between.get(device);
        return gaps == null ? 0 : median(gaps);
    }

    public void between(String device, double nanosPerHlop) {
        between.computeIfAbsent(device, x -> new ArrayList<>()).add(nanosPerHlop);
    }

    /** Per device and VOP, {nanos, cells, HLOPs} summed over {@code reports}. */
    public static Map<String, Map<String, double[]>> sums(List<Report> reports) {
        Map<String, Map<String, double[]>> run = new LinkedHashMap<>();
        for (Report r : reports) {
            for (Report.HlopRecord h : r.hlops()) {
                double[] acc = run.computeIfAbsent(h.device(), x -> new LinkedHashMap<>())
                        .computeIfAbsent(r.vop(), x -> new double[3]);
                acc[0] += h.runNanos();
                acc[1] += h.region().elements();
                acc[2]++;
            }
        }
        return run;
    }

    public void alone(String device, String vop, double nsPerCell) {
        alone.computeIfAbsent(device, x -> new LinkedHashMap<>()).put(vop, nsPerCell);
    }

    /**
     * {@code device}'s costs alone from {@code rounds}, the reports of its calls run alone with
     * {@code workers} workers, one list per round: per VOP the median time per cell, and the time its
     * calls spent between HLOPs ({@link #betweenNanos}).
     */
    public void alone(String device, int workers, List<List<Report>> rounds) {
        Map<String, List<Double>> perRound = new LinkedHashMap<>();
        for (List<Report> reports : rounds) {
            between(device, betweenNanos(reports, workers));
            sums(reports).getOrDefault(device, Map.of()).forEach((vop, acc) ->
                    perRound.computeIfAbsent(vop, v -> new ArrayList<>()).add(acc[0] / acc[1]));
        }
        perRound.forEach((vop, xs) -> alone(device, vop, median(xs)));
    }

    /** {@code device}'s time per cell on {@code vop} while all devices ran; needs its time alone first. */
    public void together(String device, String vop, double nsPerCell) {
        Double solo = alone.getOrDefault(device, Map.of()).get(vop);
        if (solo != null) {
            together.computeIfAbsent(device, x -> new LinkedHashMap<>()).put(vop, Math.max(1, nsPerCell / solo));
        }
    }

    /**
     * Each device's co-running slowdown from {@code rounds}, the reports of all devices running at once,
     * one list per round; after its time alone ({@link #alone}, {@link #between}). Together, the
     * runtime's own threads (caller, aggregator) may find no free core on a small machine, so calls also
     * spend longer between HLOPs than alone: that extra time counts as slowdown too.
     */
    public void together(List<List<Report>> rounds, Map<String, Integer> workers) {
        workers.forEach((device, threads) -> {
            double alone = between(device);
            Map<String, List<Double>> perRound = new LinkedHashMap<>();
            for (List<Report> reports : rounds) {
                double extra = Math.max(0, betweenNanos(reports, threads, device) - alone);
                sums(reports).getOrDefault(device, Map.of()).forEach((vop, acc) -> perRound
                        .computeIfAbsent(vop, v -> new ArrayList<>()).add((acc[0] + acc[2] * extra) / acc[1]));
            }
            perRound.forEach((vop, xs) -> together(device, vop, median(xs)));
        });
    }

    /** The profile of {@code devices} as measured. */
    public Profile profile(String name, String description, List<String> sources, List<DeviceInfo> devices) {
        List<DeviceModel> models = new ArrayList<>();
        for (DeviceInfo d : devices) {
            Map<String, VopCost> vops = new LinkedHashMap<>();
            alone.getOrDefault(d.name(), Map.of()).forEach((vop, ns) -> vops.put(vop, VopCost.measured(ns)
                    .withCorunSlowdown(together.getOrDefault(d.name(), Map.of()).getOrDefault(vop, 1.0))));
            double fixed = between(d.name());
            models.add(new DeviceModel(d.name(), d.kind(), d.precision(), d.threads(), fixed, Double.NaN, Double.NaN,
                    null, vops));
        }
        return new Profile(name, description, sources, models);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
