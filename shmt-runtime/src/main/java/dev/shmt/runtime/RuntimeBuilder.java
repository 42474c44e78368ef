package dev.shmt.runtime;

import dev.shmt.api.AdaptiveSettings;
import dev.shmt.api.CriticalityMetric;
import dev.shmt.api.EnergySettings;
import dev.shmt.api.EnergyMeters;
import dev.shmt.api.PolicyName;
import dev.shmt.api.QawsSettings;
import dev.shmt.api.SchedulingPolicy;
import dev.shmt.api.Shmt;
import dev.shmt.api.ShmtObserver;
import dev.shmt.api.WatchdogSettings;
import dev.shmt.runtime.affinity.Affinity;
import dev.shmt.runtime.affinity.CorePlan;
import dev.shmt.runtime.affinity.CoreSets;
import dev.shmt.runtime.device.CpuDevice;
import dev.shmt.runtime.emulate.Emulation;
import dev.shmt.runtime.energy.EnergyMonitor;
import dev.shmt.runtime.energy.Meters;
import dev.shmt.runtime.emulate.Profile;
import dev.shmt.runtime.partition.Hints;
import dev.shmt.runtime.policy.Policies;
import dev.shmt.runtime.spi.Device;
import dev.shmt.runtime.spi.DeviceConfig;
import dev.shmt.runtime.spi.DeviceGrants;
import dev.shmt.runtime.spi.EnergyMeter;
import dev.shmt.runtime.spi.Policy;
import dev.shmt.runtime.spi.PolicyConfig;
import dev.shmt.runtime.spi.PolicyProvider;
import dev.shmt.runtime.spi.Trials;
import dev.shmt.runtime.spi.WithheldDevice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Settings for a {@link ShmtRuntime}: {@link Shmt.Builder}, which users get from {@link Shmt#builder()},
 * plus what takes the runtime's own types: devices and a policy built by hand, no discovery, core sets
 * already parsed, and the QAWS settings one by one.
 */
public final class RuntimeBuilder implements Shmt.Builder {
    private final List<Device> extraDevices = new ArrayList<>();
    private boolean discover = true;
    private Set<String> names;
    private PolicyName policy = PolicyName.WS;
    /** A policy object given instead of {@link #policy}'s name; null when a name was given. */
    private Policy policyObject;
    private int tileRows;
    private int tileCols;
    private int chunk;
    /** 0: as many as the cpu device's cores. */
    private int cpuThreads;
    private CoreSets coreSets;
    private QawsSettings qaws = QawsSettings.DEFAULTS;
    private WatchdogSettings watchdog = WatchdogSettings.DEFAULTS;
    private int quarantineAfter = DEFAULT_QUARANTINE_AFTER;
    private AdaptiveSettings adaptive = AdaptiveSettings.DEFAULTS;
    private final List<ShmtObserver> observers = new ArrayList<>();
    /** The profile to emulate; null for this machine's devices. */
    private String emulate;
    private double dilation = 1;
    private DeviceGrants grants = DeviceGrants.ALL;
    private EnergySettings energy = EnergySettings.OFF;

    /** Failures in a row after which a device is quarantined, by default. */
    public static final int DEFAULT_QUARANTINE_AFTER = 3;

    RuntimeBuilder() {}

    @Override
    public RuntimeBuilder devices(String... names) {
        Objects.requireNonNull(names, "names");
        if (names.length == 0) {
            throw new IllegalArgumentException("devices: name at least one device, or do not call it to use all");
        }
        this.names = new LinkedHashSet<>(Arrays.asList(names));
        return this;
    }

    @Override
    public RuntimeBuilder policy(String name) {
        return policy(Policies.installed().parse(name)); // refuse unknown names here, where the user typed them
    }

    @Override
    public RuntimeBuilder policy(PolicyName name) {
        this.policy = Policies.installed().check(name);
        this.policyObject = null;
        return this;
    }

    /**
     * The scheduling policy as an object of your own instead of a name: it plans, defers and steals
     * exactly as a named policy does, and {@link Shmt#policy()} reports its {@link Policy#name()}. The
     * runtime uses this very object, so give each runtime its own if it keeps state between calls. A
     * policy that runs trials first, or that users should select by name, comes from a
     * {@link PolicyProvider} instead.
     */
    public RuntimeBuilder policy(Policy policy) {
        this.policyObject = Objects.requireNonNull(policy, "policy");
        return this;
    }

    @Override
    public RuntimeBuilder policy(SchedulingPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        if (!(policy instanceof Policy p)) {
            throw new IllegalArgumentException("policy: expected an implementation of " + Policy.class.getName()
                    + " (the runtime's policy interface), got " + policy.getClass().getName());
        }
        return policy(p);
    }

    @Override
    public RuntimeBuilder tileHint(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("tileHint must be >= 1 x 1, got " + rows + " x " + cols);
        }
        this.tileRows = rows;
        this.tileCols = cols;
        return this;
    }

    @Override
    public RuntimeBuilder chunkHint(int elements) {
        if (elements < 1) {
            throw new IllegalArgumentException("chunkHint must be >= 1, got " + elements);
        }
        this.chunk = elements;
        return this;
    }

    @Override
    public RuntimeBuilder cpuThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("cpuThreads must be >= 1, got " + threads);
        }
        this.cpuThreads = threads;
        return this;
    }

    @Override
    public RuntimeBuilder cpuSets(String spec) {
        return cpuSets(CoreSets.parse(spec, "cpuSets"));
    }

    /** As {@link #cpuSets(String)}, already parsed (its source names the setting in messages). */
    public RuntimeBuilder cpuSets(CoreSets sets) {
        this.coreSets = Objects.requireNonNull(sets, "sets");
        return this;
    }

    /**
     * QAWS: the fraction of each tile's cells sampled, in (0, 1]; default 2^-15 (section 5.4 of the
     * paper). Each tile gets at least {@link #minSamples} samples whatever the rate.
     */
    public RuntimeBuilder samplingRate(double rate) {
        qaws = qaws.withSamplingRate(rate);
        return this;
    }

    /** QAWS: samples per tile at least, >= 1; default {@value QawsSettings#DEFAULT_MIN_SAMPLES}. */
    public RuntimeBuilder minSamples(int samples) {
        qaws = qaws.withMinSamples(samples);
        return this;
    }

    /** QAWS: the score tiles are ranked and limited by; default {@link CriticalityMetric#STD_DEV}. */
    public RuntimeBuilder criticality(CriticalityMetric metric) {
        qaws = qaws.withCriticality(metric);
        return this;
    }

    @Override
    public RuntimeBuilder qaws(QawsSettings settings) {
        this.qaws = Objects.requireNonNull(settings, "qaws");
        return this;
    }

    @Override
    public RuntimeBuilder criticalFraction(double k) {
        qaws = qaws.withCriticalFraction(k);
        return this;
    }

    /** QAWS top-K: W, the HLOPs ranked together, >= 1; default {@value QawsSettings#DEFAULT_WINDOW}. */
    public RuntimeBuilder window(int hlops) {
        qaws = qaws.withWindow(hlops);
        return this;
    }

    /** QAWS uniform sampling: the seed; a fixed default keeps runs reproducible. */
    public RuntimeBuilder samplingSeed(long seed) {
        qaws = qaws.withSeed(seed);
        return this;
    }

    @Override
    public RuntimeBuilder watchdog(WatchdogSettings settings) {
        this.watchdog = Objects.requireNonNull(settings, "watchdog");
        return this;
    }

    @Override
    public RuntimeBuilder quarantineAfter(int failures) {
        if (failures < 0) {
            throw new IllegalArgumentException("quarantineAfter must be >= 0 (0 = never), got " + failures);
        }
        this.quarantineAfter = failures;
        return this;
    }

    @Override
    public RuntimeBuilder emulate(String profile, double dilation) {
        Objects.requireNonNull(profile, "profile");
        if (!(dilation >= 1) || Double.isInfinite(dilation)) {
            throw new IllegalArgumentException("emulate: dilation must be a finite number >= 1, got " + dilation);
        }
        this.emulate = profile;
        this.dilation = dilation;
        return this;
    }

    @Override
    public RuntimeBuilder energy(EnergySettings settings) {
        this.energy = Objects.requireNonNull(settings, "energy");
        return this;
    }

    @Override
    public RuntimeBuilder adaptive(AdaptiveSettings settings) {
        this.adaptive = Objects.requireNonNull(settings, "adaptive");
        return this;
    }

    @Override
    public RuntimeBuilder observer(ShmtObserver observer) {
        observers.add(Objects.requireNonNull(observer, "observer"));
        return this;
    }

    /**
     * Opens only the devices a resource manager granted this process: the others are listed unavailable
     * with the cause and never opened (another process may own them). Default: every device may open.
     */
    public RuntimeBuilder grants(DeviceGrants grants) {
        this.grants = Objects.requireNonNull(grants, "grants");
        return this;
    }

    /** Adds a device built by hand, next to the discovered ones. */
    public RuntimeBuilder addDevice(Device device) {
        extraDevices.add(Objects.requireNonNull(device, "device"));
        return this;
    }

    /** Whether to add the devices {@link java.util.ServiceLoader} finds (default true). */
    public RuntimeBuilder discoverDevices(boolean discover) {
        this.discover = discover;
        return this;
    }

    @Override
    public ShmtRuntime build() {
        // Before any device opens: a name no provider offers, or two offer, fails without opening devices.
        BiFunction<Trials, EnergyMeters, Policy> policyFor = policyFor();
        List<Device> all = new ArrayList<>();
        int threads = cpuThreads > 0 ? cpuThreads : Runtime.getRuntime().availableProcessors();
        Profile profile = null;
        if (emulate != null) {
            profile = Profile.load(emulate);
            all.addAll(Emulation.devices(profile, dilation, DeviceDiscovery.discover(new DeviceConfig(1))));
        } else if (discover) {
            all.addAll(withhold(DeviceDiscovery.discover(new DeviceConfig(threads, grants))));
        }
        all.addAll(extraDevices);
        Set<String> seen = new LinkedHashSet<>();
        for (Device d : all) {
            if (!seen.add(d.name())) {
                throw new IllegalArgumentException("two devices are named '" + d.name() + "'; device names must be unique");
            }
        }
        List<Device> chosen = all;
        if (names != null) {
            chosen = new ArrayList<>();
            for (String n : names) {
                Device d = all.stream().filter(x -> x.name().equals(n)).findFirst().orElseThrow(() ->
                        new IllegalArgumentException("devices: no device named '" + n + "'; found " + seen));
                chosen.add(d);
            }
        }
        String single = policyObject == null ? policy.device() : null;
        if (single != null && chosen.stream().noneMatch(d -> d.name().equals(single))) {
            throw new IllegalArgumentException("policy " + policy + " names device '" + single
                    + "' but the runtime's devices are " + chosen.stream().map(Device::name).toList());
        }
        Map<Device, CorePlan.Placement> placement = place(chosen, seen);
        if (cpuThreads == 0) {
            // The discovered cpu device: one worker per core of its share: more would only take turns on the same cores.
            chosen = new ArrayList<>(chosen);
            for (int i = 0; i < chosen.size(); i++) {
                Device d = chosen.get(i);
                CorePlan.Placement at = placement.get(d);
                if (d instanceof CpuDevice && !extraDevices.contains(d) && at != null && at.set() != null && at.set().cardinality() != d.threads()) {
                    Device fitted = new CpuDevice(d.name(), at.set().cardinality());
                    chosen.set(i, fitted);
                    placement.put(fitted, at);
                }
            }
        }
        EnergyMonitor monitor = null;
        if (energy.enabled()) {
            List<Device> available = chosen.stream().filter(d -> d.status().isAvailable()).toList();
            // Emulated hardware is measured by its model alone: this machine's meters see this machine.
            List<EnergyMeter> meters = profile != null ? Emulation.meters(profile, dilation, available)
                    : Meters.discover(available);
            monitor = new EnergyMonitor(energy, meters, "shmt-energy-sampler", profile != null ? 1 / dilation : 1);
            if (!energy.idleBaseline().isZero()) {
                monitor.measureIdle(energy.idleBaseline());
            }
        }
        EnergyMeters meters = monitor == null ? EnergyMeters.OFF : monitor;
        return new ShmtRuntime(chosen, placement, trials -> policyFor.apply(trials, meters), single, new Hints(tileRows, tileCols, chunk), watchdog,
                quarantineAfter, observers, monitor);
    }

    /** Makes the runtime's policy, given its trial runs: the object given, or a new one of the name's provider. */
    private BiFunction<Trials, EnergyMeters, Policy> policyFor() {
        if (policyObject != null) {
            Policy p = policyObject;
            return (trials, meters) -> p;
        }
        Policies offered = Policies.installed();
        PolicyName name = offered.check(policy);
        QawsSettings settings = qaws;
        AdaptiveSettings learning = adaptive;
        return (trials, meters) -> offered.create(name, new PolicyConfig(settings, trials, learning, meters));
    }

    /** Closes and replaces any device a provider opened although it was not granted. */
    private List<Device> withhold(List<Device> found) {
        List<Device> out = new ArrayList<>(found.size());
        for (Device d : found) {
            String refusal = grants.refusal(d.name());
            if (refusal != null && d.status().isAvailable()) {
                d.close();
                out.add(new WithheldDevice(d.name(), d.kind(), d.precision(), refusal));
            } else {
                out.add(d);
            }
        }
        return out;
    }

    private Map<Device, CorePlan.Placement> place(List<Device> chosen, Set<String> names) {
        List<Device> available = chosen.stream().filter(d -> d.status().isAvailable()).toList();
        CoreSets sets = coreSets != null ? coreSets : CoreSets.fromEnvironment();
        return CorePlan.place(available, names, sets, Affinity.allowed(), Affinity.unsupported());
    }
}
