package dev.shmt.bench.emulate;

import dev.shmt.api.DeviceInfo;
import dev.shmt.api.Report;
import dev.shmt.runtime.emulate.DeviceModel;
import dev.shmt.runtime.emulate.PowerFigures;
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
    /** device -> per measured run alone, the time its workers spent per HLOP between two of their HLOPs (ns) */
    private final Map<String, List<Double>> gaps = new LinkedHashMap<>();
    /** Per device, per measured run alone, its power above idle while busy: joules above idle over busy seconds. */
    private final Map<String, List<Double>> dynamicWatts = new LinkedHashMap<>();

    /**
     * One run of a device alone, measured: {@code aboveIdleJoules} over the run, while the device was busy
     * {@code busySeconds} (its HLOPs' time over its workers). Its power above idle while busy is their ratio:
     * what the meters saw the machine draw beyond idle while this device ran, bus and host work included.
     */
    public void energy(String device, double aboveIdleJoules, double busySeconds) {
        if (busySeconds > 0 && Double.isFinite(aboveIdleJoules)) {
            dynamicWatts.computeIfAbsent(device, d -> new ArrayList<>()).add(Math.max(0, aboveIdleJoules) / busySeconds);
        }
    }

    /**
     * The time {@code reports}, one device's calls alone with {@code workers} workers, spent per HLOP
     * beyond the HLOPs' own run time: queueing, waking workers, combining results. Folded into the
     * profile's fixed cost per HLOP, so that an emulated device pays it as the real one did.
     */
    public static double betweenNanos(List<Report> reports, int workers) {
        double wall = 0;
        double run = 0;
        int n = 0;
        for (Report r : reports) {
            wall += r.wallNanos();
            for (Report.HlopRecord h : r.hlops()) {
                run += h.runNanos();
                n++;
            }
        }
        return n == 0 ? 0 : Math.max(0, wall * workers - run) / n;
    }

    /**
     * The time {@code device}'s workers spent per HLOP waiting before or between their own HLOPs: from
     * the call's start to each worker's last HLOP's end, less its HLOPs' run time. Unlike
     * {@link #betweenNanos}, a worker idle after its last HLOP (nothing left to take, or the policy
     * leaving the rest to a faster device) adds nothing: that is scheduling, which the emulation does
     * itself, not a slower device. A late first HLOP counts: its worker found no free core.
     */
    public static double gapNanos(List<Report> reports, String device) {
        double gap = 0;
        int n = 0;
        for (Report r : reports) {
            Map<Integer, long[]> workers = new LinkedHashMap<>(); // worker -> {last end, run}
            for (Report.HlopRecord h : r.hlops()) {
                if (h.device().equals(device)) {
                    long[] w = workers.computeIfAbsent(h.worker(), x -> new long[2]);
                    w[0] = Math.max(w[0], h.startNanos() + h.runNanos());
                    w[1] += h.runNanos();
                    n++;
                }
            }
            for (long[] w : workers.values()) {
                gap += Math.max(0, w[0] - w[1]);
            }
        }
        return n == 0 ? 0 : gap / n;
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
            gaps.computeIfAbsent(device, x -> new ArrayList<>()).add(gapNanos(reports, device));
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
     * one list per round; after its time alone ({@link #alone}). Together, the runtime's own threads
     * (caller, aggregator) may find no free core on a small machine, so workers also wait longer between
     * their HLOPs than alone ({@link #gapNanos}): that extra time counts as slowdown too.
     */
    public void together(List<List<Report>> rounds, Map<String, Integer> workers) {
        workers.forEach((device, threads) -> {
            List<Double> aloneGaps = gaps.get(device);
            double alone = aloneGaps == null ? 0 : median(aloneGaps);
            Map<String, List<Double>> perRound = new LinkedHashMap<>();
            for (List<Report> reports : rounds) {
                double extra = Math.max(0, gapNanos(reports, device) - alone);
                sums(reports).getOrDefault(device, Map.of()).forEach((vop, acc) -> perRound
                        .computeIfAbsent(vop, v -> new ArrayList<>()).add((acc[0] + acc[2] * extra) / acc[1]));
            }
            perRound.forEach((vop, xs) -> together(device, vop, median(xs)));
        });
    }

    /** The profile of {@code devices} as measured, without power figures. */
    public Profile profile(String name, String description, List<String> sources, List<DeviceInfo> devices) {
        return profile(name, description, sources, devices, Double.NaN);
    }

    /**
     * The profile of {@code devices} as measured, with power figures when {@code platformIdleWatts} was
     * measured and every device's energy too ({@link #energy}): the platform's idle, and each device's power
     * above it while busy (its own idle is inside the platform's, so it is 0 here).
     */
    public Profile profile(String name, String description, List<String> sources, List<DeviceInfo> devices,
                           double platformIdleWatts) {
        boolean power = !Double.isNaN(platformIdleWatts)
                && devices.stream().allMatch(d -> dynamicWatts.containsKey(d.name()));
        List<DeviceModel> models = new ArrayList<>();
        for (DeviceInfo d : devices) {
            Map<String, VopCost> vops = new LinkedHashMap<>();
            alone.getOrDefault(d.name(), Map.of()).forEach((vop, ns) -> vops.put(vop, VopCost.measured(ns)
                    .withCorunSlowdown(together.getOrDefault(d.name(), Map.of()).getOrDefault(vop, 1.0))));
            double fixed = between(d.name());
            models.add(new DeviceModel(d.name(), d.kind(), d.precision(), d.threads(), fixed, Double.NaN, Double.NaN,
                    null, vops, 1, power ? new PowerFigures(0, median(dynamicWatts.get(d.name())), 0) : null));
        }
        return new Profile(name, description, sources, models, power ? platformIdleWatts : Double.NaN);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
