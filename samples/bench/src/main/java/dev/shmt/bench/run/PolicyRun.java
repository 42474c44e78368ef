package dev.shmt.bench.run;

import dev.shmt.api.Cores;
import dev.shmt.api.DeviceDeclinedException;
import dev.shmt.api.DeviceInfo;
import dev.shmt.api.Energy;
import dev.shmt.api.EnergyMeters;
import dev.shmt.api.PolicyChoice;
import dev.shmt.api.PolicyName;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.apps.BenchApp;
import dev.shmt.bench.results.Learned;
import dev.shmt.bench.results.RowLabel;
import dev.shmt.bench.results.SteadyState;
import dev.shmt.runtime.affinity.Affinity;
import dev.shmt.runtime.trace.ChromeTrace;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One side the bench measures, and everything measured on it: a policy on its own runtime, the bare
 * CPU kernel ({@link BareCpu}) or a library's implementation. The last two run on the calling thread,
 * pinned for the run to the cpu device's cores, so that all sides compute on the same processors.
 */
final class PolicyRun {
    /** How one run happens. */
    private interface Body {
        List<Report> run(BenchApp.Instance instance);

        BenchApp.Quality quality(BenchApp.Instance instance);
    }

    final String policy;
    /** The policy {@link #policy} names; null for the bare kernel and libraries. */
    final PolicyName name;
    /** How progress names it. */
    String label;
    final List<String> devices;
    final Map<String, Cores> cores = new LinkedHashMap<>();
    /** The policy's runtime; null for the bare kernel and libraries. */
    final Shmt rt;
    /** When {@link #rt} was built: how long its energy sampling ran. */
    final long builtAt = System.nanoTime();
    /** Records the timed runs' calls into the bench's trace, an observer of {@link #rt}; null for none. */
    private final ChromeTrace.Recorder recorder;
    private final Body body;
    /** Cores the calling thread runs on during a run, null to leave it where it is. */
    private final BitSet pinCaller;
    final List<Double> warm = new ArrayList<>();
    final List<Double> timed = new ArrayList<>();
    /**
     * Per timed run, the milliseconds spent outside VOP calls (the app's host work, such as the FFT's
     * transposes), which no device shares and no dilation stretches.
     */
    final List<Double> hostMs = new ArrayList<>();
    /** Per timed round, the mean run time of its HLOPs in microseconds. */
    final List<Double> hlopUs = new ArrayList<>();
    /** Per device, per timed round, the mean run time of the HLOPs it ran (NaN for none). */
    final Map<String, List<Double>> deviceHlopUs = new LinkedHashMap<>();
    final Set<String> incidents = new LinkedHashSet<>();
    /** HLOPs per device over every timed round: the share is steadier than one run's. */
    final Map<String, Integer> timedHlops = new LinkedHashMap<>();
    /** Per timed round, its reports. */
    final List<List<Report>> timedReports = new ArrayList<>();
    private double lastHostMs;
    int warmups;
    /** Times of an emulated runtime are divided by it; 1 otherwise. */
    private double dilation = 1;
    boolean settled;
    int retries;
    List<Report> last = List.of();
    /** Every call's choice, warm-up included, for a policy that chooses per call ({@code adaptive}). */
    final List<PolicyChoice> choices = new ArrayList<>();
    /** The VOP of each of {@link #choices}. */
    final List<String> choiceVops = new ArrayList<>();
    /** The meters each timed run is measured with; null when energy is off. */
    EnergyMeters meters;
    /** Per timed round, the energy of its run (with {@link #meters}). */
    final List<Energy> energy = new ArrayList<>();
    private Energy lastEnergy;
    BenchApp.Quality quality;
    String error;
    /** True when {@link #error} is a single device declining the app's VOP (not a failure of anything). */
    boolean declined;

    /**
     * {@code policy} on the runtime {@code b} builds; a runtime that cannot be built is this row's error.
     *
     * @param recorder registered on {@code b}, paused: the timed runs resume it; null for no trace
     * @param dilation what an emulated runtime's times are stretched by, and this row's divided by; 1 for
     *     this machine's devices
     */
    static PolicyRun policy(BenchPlan.AppRun a, String policy, Shmt.Builder b, ChromeTrace.Recorder recorder,
                            double dilation) {
        Shmt built = null;
        String error = null;
        try {
            built = b.build();
        } catch (RuntimeException e) {
            error = message(e);
        }
        Shmt rt = built;
        PolicyName name = RowLabel.nameOf(policy);
        List<String> used = rt == null ? List.of() : name.isSingle() ? List.of(name.device())
                : rt.devices().stream().filter(DeviceInfo::available).map(DeviceInfo::name).toList();
        PolicyRun r = new PolicyRun(a, policy, used, rt, recorder, null, on(rt));
        r.dilation = dilation;
        r.meters = rt != null && rt.energy().enabled() ? rt.energy() : null;
        r.error = error;
        if (rt != null) {
            for (DeviceInfo d : rt.devices()) {
                if (d.cores() != null) {
                    r.cores.put(d.name(), d.cores());
                }
            }
        }
        return r;
    }

    /** The CPU kernel alone on the regions {@code tiles} splits calls into, on {@code pin}. */
    static PolicyRun bare(BenchPlan.AppRun a, Shmt tiles, BitSet pin) {
        return new PolicyRun(a, BareCpu.NAME, List.of("cpu"), null, null, pin, on(new BareCpu(tiles)));
    }

    /** The app run through {@code shmt}, its quality read from the app's own output. */
    private static Body on(Shmt shmt) {
        return new Body() {
            @Override
            public List<Report> run(BenchApp.Instance instance) {
                return instance.run(new InCalls(shmt));
            }

            @Override
            public BenchApp.Quality quality(BenchApp.Instance instance) {
                return instance.quality();
            }
        };
    }

    /** A library's implementation on the calling thread, on {@code pin} with {@code cores} as the cpu's. */
    static PolicyRun library(BenchPlan.AppRun a, BenchApp.Library lib, BitSet pin, Map<String, Cores> cores) {
        PolicyRun r = new PolicyRun(a, lib.name(), List.of("cpu"), null, null, pin, new Body() {
            @Override
            public List<Report> run(BenchApp.Instance instance) {
                lib.run();
                return List.of();
            }

            @Override
            public BenchApp.Quality quality(BenchApp.Instance instance) {
                return lib.quality();
            }
        });
        if (cores.containsKey("cpu")) {
            r.cores.put("cpu", cores.get("cpu"));
        }
        if (lib.unavailable() != null) { // a row that says why, instead of no row
            r.error = lib.unavailable();
            r.declined = true;
        }
        return r;
    }

    private PolicyRun(BenchPlan.AppRun a, String policy, List<String> devices, Shmt rt, ChromeTrace.Recorder recorder,
                      BitSet pinCaller, Body body) {
        this.policy = policy;
        this.name = RowLabel.nameOf(policy);
        this.label = a.app().name() + " " + policy;
        this.devices = devices;
        this.rt = rt;
        this.recorder = recorder;
        this.pinCaller = pinCaller;
        this.body = body;
    }

    boolean single() {
        return name != null && name.isSingle();
    }

    boolean library() {
        return policy.startsWith("lib:");
    }

    void warm(BenchApp.Instance instance) {
        if (error == null) {
            Double ms = once(instance, false);
            if (ms != null) {
                warm.add(ms);
                warmups++;
                // A policy that learns is steady once its time is and its learning has settled too.
                settled |= SteadyState.reached(warm) && (choices.isEmpty() || Learned.settled(choiceVops, choices));
            }
        }
    }

    void timed(BenchApp.Instance instance) {
        if (error == null) {
            Double ms = once(instance, true);
            if (ms != null) {
                timed.add(ms);
                hostMs.add(lastHostMs);
                if (lastEnergy != null) {
                    energy.add(lastEnergy);
                }
                retries += last.stream().mapToInt(Report::retries).sum();
                timedReports.add(last);
                hlopUs.add(meanHlopUs(last, null) / dilation);
                for (Report r : last) {
                    for (Report.DeviceSummary d : r.devices()) {
                        timedHlops.merge(d.device(), d.hlops(), Integer::sum);
                    }
                }
                for (String d : devices) {
                    deviceHlopUs.computeIfAbsent(d, k -> new ArrayList<>()).add(meanHlopUs(last, d) / dilation);
                }
            }
        }
    }

    /** One more run, untimed, whose HLOP share and output quality the table shows. */
    void last(BenchApp.Instance instance) {
        if (error == null && once(instance, false) != null) {
            quality = body.quality(instance);
        }
    }

    /**
     * Milliseconds of one run, or null when it failed (then {@link #error} says why). An emulated run's
     * time inside VOP calls is divided by the dilation; its host work, between calls and planning inside
     * them ({@link InCalls#planning()}), is this machine's.
     *
     * @param traced whether the trace (if any) records this run's calls
     */
    private Double once(BenchApp.Instance instance, boolean traced) {
        BitSet before = pinCaller == null ? null : Affinity.allowed();
        try {
            if (pinCaller != null) {
                Affinity.pinCurrentThread(pinCaller);
            }
            if (traced && recorder != null) {
                recorder.resume();
            }
            long inside = InCalls.total();
            long planning = InCalls.planning();
            EnergyMeters.Window window = traced && meters != null ? meters.start() : null;
            long t0 = System.nanoTime();
            last = body.run(instance);
            for (Report r : last) {
                if (r.choice() != null) {
                    choices.add(r.choice());
                    choiceVops.add(r.vop() + " " + extent(r));
                }
            }
            long total = System.nanoTime() - t0;
            lastEnergy = window == null ? null : window.stop();
            inside = InCalls.total() - inside;
            planning = InCalls.planning() - planning;
            lastHostMs = (total - inside) / 1e6;
            double ms = (inside - planning) / 1e6 / dilation + planning / 1e6 + lastHostMs;
            noteIncidents(last);
            return ms;
        } catch (RuntimeException e) {
            error = message(e);
            declined = e instanceof DeviceDeclinedException;
            return null;
        } finally {
            if (recorder != null) {
                recorder.pause();
            }
            if (before != null) {
                Affinity.pinCurrentThread(before);
            }
        }
    }

    double[] latencies() {
        return timed.stream().mapToDouble(Double::doubleValue).toArray();
    }

    void close() {
        if (rt != null) {
            rt.close();
        }
    }

    /** Each distinct failure and quarantine, so a device that faltered is never hidden. */
    private void noteIncidents(List<Report> reports) {
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

    /** The call's data as its HLOPs cover it: {@code rows x cols}, or the length of a 1-D call. */
    private static String extent(Report r) {
        int rows = 0;
        int cols = 0;
        for (Report.HlopRecord h : r.hlops()) {
            rows = Math.max(rows, h.region().row() + h.region().rows());
            cols = Math.max(cols, h.region().col() + h.region().cols());
        }
        return rows <= 1 ? String.valueOf(cols) : rows + "x" + cols;
    }

    /** Over {@code device}'s HLOPs, or all when null. */
    private static double meanHlopUs(List<Report> reports, String device) {
        long nanos = 0;
        int n = 0;
        for (Report r : reports) {
            for (Report.HlopRecord h : r.hlops()) {
                if (device == null || h.device().equals(device)) {
                    nanos += h.runNanos();
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : nanos / 1e3 / n;
    }

    private static String message(RuntimeException e) {
        return String.valueOf(e.getMessage() == null ? e : e.getMessage()).strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
