package dev.shmt.runtime.policy.adaptive;

import dev.shmt.api.AdaptiveSettings;
import dev.shmt.api.AdaptiveSettings.Objective;
import dev.shmt.api.EnergyMeters;
import dev.shmt.api.Partition;
import dev.shmt.api.PolicyChoice;
import dev.shmt.api.Precision;
import dev.shmt.api.Region;
import dev.shmt.api.Report;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.spi.CallSetup;
import dev.shmt.runtime.spi.Device;
import dev.shmt.runtime.spi.Hlop;
import dev.shmt.runtime.spi.Plan;
import dev.shmt.runtime.spi.Policy;
import dev.shmt.runtime.spi.QueueView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code adaptive}: learns per VOP and size class which configuration to run (each device alone, subsets,
 * all devices; the tile size halved, as hinted or doubled) by measuring whole calls under whatever
 * interference is really there, runs the best, and explores the others within a conservative budget
 * ({@link Learner}). A configuration of several devices runs under the {@code within} policy ({@code ws},
 * or a quality-aware one), so its guarantees carry over; one device alone runs every HLOP there. A device
 * left out still takes the HLOPs a chosen device failed.
 */
public final class AdaptivePolicy implements Policy {
    public static final String NAME = "adaptive";
    /** At FINE, every call's configuration, cost and reason: how to see what the policy learns as it runs. */
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(AdaptivePolicy.class.getName());

    private final AdaptiveSettings settings;
    private final Policy within;
    /** Null when nothing is kept between runs. */
    private final LearnedCache cache;
    private final boolean quality;
    private final Map<String, Slot> learners = new HashMap<>();
    /** The last call's VOP, shape, devices and slot: consecutive calls mostly share one. */
    private volatile Last lastCall;
    /** The choice of each call in flight, from {@link #setup} to {@link #ended}. */
    private final Map<VopCall, Pending> pending = Collections.synchronizedMap(new IdentityHashMap<>());
    /** The devices' part of each learner's key, per set of eligible devices. */
    private final Map<List<QueueView>, String> deviceKeys = new java.util.concurrent.ConcurrentHashMap<>();
    /** Per device, the calls in flight that chose it. */
    private final Map<QueueView, int[]> inFlight = new IdentityHashMap<>();

    /** The JIT's total compiling time, to tell calls that ran while it compiled; null where it is not measured. */
    private static final java.lang.management.CompilationMXBean JIT = jit();

    private static java.lang.management.CompilationMXBean jit() {
        java.lang.management.CompilationMXBean b = java.lang.management.ManagementFactory.getCompilationMXBean();
        return b != null && b.isCompilationTimeMonitoringSupported() ? b : null;
    }

    private static long compiledMs() {
        return JIT == null ? 0 : JIT.getTotalCompilationTime();
    }

    private record Pending(Slot slot, Learner.Decision decision, long compiledMs) {
        List<QueueView> devices() {
            return slot.devices[decision.arm()];
        }
    }

    /**
     * @param within runs configurations of several devices
     * @param energy the runtime's meters: the energy and EDP objectives need one that works
     * @throws IllegalArgumentException naming the objective when it needs energy and none is measured
     */
    public AdaptivePolicy(AdaptiveSettings settings, Policy within, EnergyMeters energy) {
        this.settings = settings;
        this.within = within;
        if (settings.objective() != Objective.TIME) {
            String why = !energy.enabled() ? "energy is off (build the runtime with .energy(EnergySettings.ON), or"
                    + " give the bench --energy)"
                    : energy.meters().stream().noneMatch(EnergyMeters.Meter::available)
                    ? "no energy meter works here: " + energy.unavailable() : null;
            if (why != null) {
                throw new IllegalArgumentException("adaptive: objective " + settings.objective().code()
                        + " needs the runtime to measure energy, and " + why);
            }
        }
        this.cache = settings.cache() == null ? null : new LearnedCache(settings.cache());
        this.quality = within.name().startsWith("qaws");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CallSetup setup(VopCall call, List<QueueView> eligible) {
        Slot slot = slot(call, eligible);
        Learner.Decision d = slot.learner.decide((long) call.rows() * call.cols());
        List<QueueView> devices = slot.devices[d.arm()];
        count(devices, 1);
        pending.put(call, new Pending(slot, d, compiledMs()));
        return new CallSetup(devices, slot.learner.arm(d.arm()).tileScale(),
                new PolicyChoice(slot.configurations[d.arm()], d.exploring(), d, d.baseline(), d.toTry()));
    }

    /**
     * A learner with what each of its configurations runs on and is called, made once: setting up runs on
     * every call, too rarely for the JIT to compile it.
     */
    private record Slot(String key, Learner learner, List<QueueView>[] devices, String[] configurations) {}

    /** The slot of {@code call}'s VOP and size on {@code eligible}; the last one found is checked first. */
    private Slot slot(VopCall call, List<QueueView> eligible) {
        Last last = lastCall;
        if (last != null && last.name.equals(call.name()) && last.partition == call.partition()
                && last.rows == call.rows() && last.cols == call.cols() && last.eligible.equals(eligible)) {
            return last.slot;
        }
        String key = key(call, eligible);
        Slot s;
        synchronized (learners) {
            s = learners.computeIfAbsent(key, k -> newSlot(k, eligible));
        }
        lastCall = new Last(call.name(), call.partition(), call.rows(), call.cols(), eligible, s);
        return s;
    }

    private record Last(String name, Partition partition, int rows, int cols, List<QueueView> eligible, Slot slot) {}

    @SuppressWarnings("unchecked")
    private Slot newSlot(String key, List<QueueView> eligible) {
        Learner learner = newLearner(key, eligible);
        int n = learner.arms();
        List<QueueView>[] devices = new List[n];
        String[] names = new String[n];
        for (int a = 0; a < n; a++) {
            List<QueueView> on = new ArrayList<>();
            for (int i = 0; i < eligible.size(); i++) {
                if (learner.arm(a).has(i)) {
                    on.add(eligible.get(i));
                }
            }
            devices[a] = List.copyOf(on);
            names[a] = learner.describe(a) + (on.size() > 1 ? " (" + within.name() + ")" : "");
        }
        return new Slot(key, learner, devices, names);
    }

    @Override
    public Plan plan(VopCall call, List<Region> regions, List<QueueView> eligible) {
        Pending p = pending.get(call);
        List<QueueView> devices = p == null ? eligible : p.devices();
        int[] at = new int[devices.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = eligible.indexOf(devices.get(i));
        }
        if (devices.size() == 1) {
            int[] queueOf = new int[regions.size()];
            Arrays.fill(queueOf, at[0]);
            return new Plan(queueOf, 0);
        }
        Plan inner = within.plan(call, regions, devices);
        int[] queueOf = inner.queueOf().clone();
        for (int i = 0; i < queueOf.length; i++) {
            queueOf[i] = at[queueOf[i]];
        }
        return new Plan(queueOf, inner.samplingNanos(), inner.criticality(), inner.critical(),
                inner.nonFiniteSamples());
    }

    /**
     * The within policy's steal, for a device that a call in flight chose: the scheduler lets a device take
     * only HLOPs of calls that chose it, and a device left out returns at once rather than searching
     * queues it may take nothing from (under the scheduler's lock, each time it wakes).
     */
    @Override
    public Hlop steal(QueueView thief, List<QueueView> queues) {
        return chosen(thief) ? within.steal(thief, queues) : null;
    }

    @Override
    public boolean defers(QueueView taker, Hlop next, List<QueueView> queues) {
        return within.defers(taker, next, queues);
    }

    private boolean chosen(QueueView q) {
        synchronized (inFlight) {
            int[] n = inFlight.get(q);
            return n != null && n[0] > 0;
        }
    }

    private void count(List<QueueView> devices, int delta) {
        synchronized (inFlight) {
            for (int i = 0; i < devices.size(); i++) {
                int[] n = inFlight.get(devices.get(i));
                if (n == null) {
                    n = new int[1];
                    inFlight.put(devices.get(i), n);
                }
                n[0] += delta;
            }
        }
    }

    @Override
    public void ended(VopCall call, Report report) {
        Pending p = pending.remove(call);
        if (p == null) {
            return;
        }
        count(p.devices(), -1);
        Learner learner = p.slot().learner();
        double cost = report == null ? Double.NaN : cost(report);
        double wallMs = report == null ? Double.NaN : report.wallNanos() / 1e6;
        double jit = wallMs > 0 ? (compiledMs() - p.compiledMs()) / wallMs : 0;
        learner.learn(p.decision(), cost, report, jit);
        if (LOG.isLoggable(java.util.logging.Level.FINE)) {
            LOG.fine(call.name() + ": " + p.slot().configurations()[p.decision().arm()]
                    + (p.decision().exploring() ? " exploring" : "") + ", cost " + Learner.digits(cost / 1e6)
                    + " (objective's unit /1e6); " + p.decision().get());
        }
        if (cache != null && learner.changed()) {
            cache.save(p.slot().key(), learner.learned());
        }
    }


    /** A call's cost in the objective's unit; NaN when it was not measured. */
    private double cost(Report r) {
        double seconds = r.wallNanos() / 1e9;
        return switch (settings.objective()) {
            case TIME -> r.wallNanos();
            case ENERGY -> r.energy().isOff() ? Double.NaN : r.energy().totalJoules();
            case EDP -> r.energy().isOff() ? Double.NaN : r.energy().totalJoules() * seconds;
        };
    }

    private Learner newLearner(String key, List<QueueView> eligible) {
        List<String> names = new ArrayList<>();
        int[] threads = new int[eligible.size()];
        Precision top = null;
        for (int i = 0; i < eligible.size(); i++) {
            Device d = eligible.get(i).device();
            names.add(d.name());
            threads[i] = d.threads();
            top = top == null || d.precision().atLeast(top) ? d.precision() : top;
        }
        Precision most = top;
        List<Arm> arms = Arm.all(eligible.size(), set -> !quality || holdsPrecision(set, eligible, most));
        Learner l = new Learner(arms, names, threads, settings.alpha(), settings.objective());
        if (cache != null && !settings.fresh()) {
            l.seed(cache.load(key));
        }
        return l;
    }

    /** Under a quality-aware policy a set must hold a most precise device, for the critical HLOPs. */
    private static boolean holdsPrecision(long set, List<QueueView> eligible, Precision most) {
        for (int i = 0; i < eligible.size(); i++) {
            if ((set & (1L << i)) != 0 && eligible.get(i).device().precision() == most) {
                return true;
            }
        }
        return false;
    }

    /**
     * VOP, partition, size class (each dimension rounded up to a power of two), the devices as they are
     * (name, kind, precision, workers, how they run), the objective and the within policy.
     */
    private String key(VopCall call, List<QueueView> eligible) {
        return call.name() + '|' + call.partition() + '|' + sizeClass(call.rows()) + 'x' + sizeClass(call.cols()) + '|'
                + deviceKeys.computeIfAbsent(eligible, this::devicesKey);
    }

    /** The devices, the objective and the within policy, computed once per set of devices. */
    private String devicesKey(List<QueueView> eligible) {
        StringBuilder sb = new StringBuilder();
        for (QueueView q : eligible) {
            Device d = q.device();
            sb.append(d.name()).append(':').append(d.kind()).append(':').append(d.precision()).append(':')
                    .append(d.threads()).append(':').append(d.getClass().getSimpleName()).append(':')
                    .append(runsAs(d.detail())).append(',');
        }
        return sb.append('|').append(settings.objective().code()).append('|').append(within.name()).toString()
                .replace('\t', ' ');
    }

    /**
     * How a device runs, from its detail: the first word ({@code tflite-cpu}, {@code edgetpu}), or an
     * emulated device's profile. Counts and dilations that follow change from run to run of the same device.
     */
    static String runsAs(String detail) {
        String d = detail.strip();
        int cut = d.startsWith("emulated (") ? d.indexOf(',') : -1;
        for (int i = 0; cut < 0 && i < d.length(); i++) {
            if (" :;,(".indexOf(d.charAt(i)) >= 0) {
                cut = i;
            }
        }
        return cut < 0 ? d : d.substring(0, cut);
    }

    private static int sizeClass(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }
}
