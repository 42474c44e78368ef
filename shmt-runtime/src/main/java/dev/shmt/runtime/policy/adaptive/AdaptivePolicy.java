package dev.shmt.runtime.policy.adaptive;

import dev.shmt.api.AdaptiveSettings;
import dev.shmt.api.AdaptiveSettings.Objective;
import dev.shmt.api.EnergyMeters;
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

    private final AdaptiveSettings settings;
    private final Policy within;
    /** Null when nothing is kept between runs. */
    private final LearnedCache cache;
    private final boolean quality;
    private final Map<String, Learner> learners = new HashMap<>();
    /** The choice of each call in flight, from {@link #setup} to {@link #ended}. */
    private final Map<VopCall, Pending> pending = Collections.synchronizedMap(new IdentityHashMap<>());

    private record Pending(Learner learner, String key, Learner.Decision decision, List<QueueView> devices) {}

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

    /** Where what it learns is kept; null when nothing is. */
    public java.nio.file.Path cacheFile() {
        return cache == null ? null : cache.file();
    }

    @Override
    public CallSetup setup(VopCall call, List<QueueView> eligible) {
        String key = key(call, eligible);
        Learner learner;
        synchronized (learners) {
            learner = learners.computeIfAbsent(key, k -> newLearner(k, eligible));
        }
        Learner.Decision d = learner.decide((long) call.rows() * call.cols());
        Arm arm = learner.arm(d.arm());
        List<QueueView> devices = new ArrayList<>();
        for (int i = 0; i < eligible.size(); i++) {
            if (arm.has(i)) {
                devices.add(eligible.get(i));
            }
        }
        String configuration = learner.describe(d.arm()) + (devices.size() > 1 ? " (" + within.name() + ")" : "");
        pending.put(call, new Pending(learner, key, d, devices));
        return new CallSetup(devices, arm.tileScale(),
                new PolicyChoice(configuration, d.exploring(), d.why(), d.baseline()));
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

    /** The within policy's steal: the scheduler lets a device take only HLOPs of calls that chose it. */
    @Override
    public Hlop steal(QueueView thief, List<QueueView> queues) {
        return within.steal(thief, queues);
    }

    @Override
    public boolean defers(QueueView taker, Hlop next, List<QueueView> queues) {
        return within.defers(taker, next, queues);
    }

    @Override
    public void ended(VopCall call, Report report) {
        Pending p = pending.remove(call);
        if (p == null) {
            return;
        }
        p.learner().learn(p.decision(), report == null ? Double.NaN : cost(report), report);
        if (cache != null && p.learner().changed()) {
            cache.save(p.key(), p.learner().learned());
        }
    }

    /** The learner for {@code key}, or null when none has run yet: for tests and reports. */
    Learner learner(String key) {
        synchronized (learners) {
            return learners.get(key);
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
        StringBuilder sb = new StringBuilder(call.name()).append('|').append(call.partition()).append('|')
                .append(sizeClass(call.rows())).append('x').append(sizeClass(call.cols())).append('|');
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
