package dev.shmt.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What happened in one VOP call: where every HLOP ran, how long it waited and ran, whether it was
 * stolen or retried; per device the counts and busy time; the policy, sampling time, wall time, and
 * every device that could not take part with its cause. Built by the runtime that ran the call.
 */
public abstract class Report {
    /**
     * One HLOP: its region; the device and worker thread that completed it; when that last attempt
     * started (from the call's start), how long it waited in a queue and ran; the device it was stolen
     * from (null if none); the errors of earlier attempts on other devices; and, under a quality-aware
     * policy, its criticality score (NaN when the policy scores nothing, or found no input to sample;
     * infinite when a sample was NaN or infinite) and whether it was critical, which keeps it off
     * devices less precise than the one it was planned on.
     */
    public record HlopRecord(int index, Region region, String device, int worker, long startNanos,
                             long queueWaitNanos, long runNanos, String stolenFrom, List<String> failures,
                             double criticality, boolean critical, Quantization quantization) {
        public HlopRecord {
            failures = List.copyOf(failures);
        }

        /** An HLOP whose device said nothing about its quantization. */
        public HlopRecord(int index, Region region, String device, int worker, long startNanos,
                          long queueWaitNanos, long runNanos, String stolenFrom, List<String> failures,
                          double criticality, boolean critical) {
            this(index, region, device, worker, startNanos, queueWaitNanos, runNanos, stolenFrom, failures,
                    criticality, critical, null);
        }

        /** An HLOP of a policy that scores nothing. */
        public HlopRecord(int index, Region region, String device, int worker, long startNanos,
                          long queueWaitNanos, long runNanos, String stolenFrom, List<String> failures) {
            this(index, region, device, worker, startNanos, queueWaitNanos, runNanos, stolenFrom, failures,
                    Double.NaN, false);
        }

        public boolean stolen() {
            return stolenFrom != null;
        }
    }

    /**
     * How an int8 device quantized one HLOP's output: the output scale it ran at, as a step down a ladder
     * of static models (0 is the worst case the inputs can reach, step k covers 2^(-k/2) of it), and the share
     * of the outputs that hit the int8 ends (saturated: clipped, not just rounded).
     *
     * @param step the ladder step, 0 for the worst-case scale
     * @param saturated saturated outputs over all outputs, 0 to 1
     */
    public record Quantization(int step, double saturated) {
        public Quantization {
            if (step < 0 || !(saturated >= 0 && saturated <= 1)) {
                throw new IllegalArgumentException("step must be >= 0 and saturated in [0, 1], got step " + step
                        + ", saturated " + saturated);
            }
        }
    }

    /**
     * One device's share of the call.
     *
     * @param detail how the device ran: its runtime, and any fallback with its cause (for example
     *     "tflite-cpu: no libedgetpu.so.1")
     * @param cores the host cores its workers ran on; null when unknown
     */
    public record DeviceSummary(String device, String detail, int threads, int hlops, int stolen, long busyNanos,
                                Cores cores) {
        public DeviceSummary(String device, String detail, int threads, int hlops, int stolen, long busyNanos) {
            this(device, detail, threads, hlops, stolen, busyNanos, null);
        }

        /** Busy time over the time all of this device's threads had during the call. */
        public double utilisation(long wallNanos) {
            return wallNanos <= 0 ? 0 : (double) busyNanos / ((double) wallNanos * threads);
        }
    }

    private final String vop;
    private final long startedAtNanos;
    private final Partition partition;
    private final String policy;
    private final long wallNanos;
    private final long samplingNanos;
    private final long nonFiniteSamples;
    private final Object result;
    private final List<HlopRecord> hlops;
    private final List<DeviceSummary> devices;
    private final List<DeviceInfo> unavailable;
    private final List<DeviceInfo> quarantined;
    private final Energy energy;
    private final PolicyChoice choice;

    /**
     * For runtimes only (a {@link Shmt} implementation builds its calls' reports).
     *
     * @param startedAtNanos {@link System#nanoTime()} when the call entered the runtime: places the
     *     call's HLOPs on one time line with other calls' (traces of several calls)
     * @param nonFiniteSamples NaN and infinite values the policy's sampling met
     * @param quarantined devices taken out of service during this call, each with the cause: their
     *     failed HLOPs ran elsewhere (see {@link HlopRecord#failures()})
     */
    protected Report(String vop, long startedAtNanos, Partition partition, String policy, long wallNanos,
                  long samplingNanos, long nonFiniteSamples, Object result, List<HlopRecord> hlops,
                  List<DeviceSummary> devices, List<DeviceInfo> unavailable, List<DeviceInfo> quarantined) {
        this(vop, startedAtNanos, partition, policy, wallNanos, samplingNanos, nonFiniteSamples, result, hlops, devices,
                unavailable, quarantined, Energy.off(wallNanos));
    }

    /**
     * For runtimes only, with the energy the call took.
     *
     * @param energy what the runtime's meters saw over the call ({@link Energy#off} when energy is off)
     */
    protected Report(String vop, long startedAtNanos, Partition partition, String policy, long wallNanos,
                  long samplingNanos, long nonFiniteSamples, Object result, List<HlopRecord> hlops,
                  List<DeviceSummary> devices, List<DeviceInfo> unavailable, List<DeviceInfo> quarantined,
                  Energy energy) {
        this(vop, startedAtNanos, partition, policy, wallNanos, samplingNanos, nonFiniteSamples, result, hlops, devices,
                unavailable, quarantined, energy, null);
    }

    /**
     * For runtimes only, with the configuration a choosing policy ran.
     *
     * @param choice what a policy that picks a configuration per call ran and why; null for other policies
     */
    protected Report(String vop, long startedAtNanos, Partition partition, String policy, long wallNanos,
                  long samplingNanos, long nonFiniteSamples, Object result, List<HlopRecord> hlops,
                  List<DeviceSummary> devices, List<DeviceInfo> unavailable, List<DeviceInfo> quarantined,
                  Energy energy, PolicyChoice choice) {
        this.choice = choice;
        this.energy = Objects.requireNonNull(energy, "energy");
        this.quarantined = List.copyOf(quarantined);
        this.vop = vop;
        this.startedAtNanos = startedAtNanos;
        this.partition = partition;
        this.policy = policy;
        this.wallNanos = wallNanos;
        this.samplingNanos = samplingNanos;
        this.nonFiniteSamples = nonFiniteSamples;
        this.result = result;
        this.hlops = List.copyOf(hlops);
        this.devices = List.copyOf(devices);
        this.unavailable = List.copyOf(unavailable);
    }

    public String vop() {
        return vop;
    }

    /**
     * {@link System#nanoTime()} when the call entered the runtime (0 when the report was built without
     * it); {@link HlopRecord#startNanos()} counts from here.
     */
    public long startedAtNanos() {
        return startedAtNanos;
    }

    public Partition partition() {
        return partition;
    }

    public String policy() {
        return policy;
    }

    /** From the call entering the runtime to its last HLOP aggregated. */
    public long wallNanos() {
        return wallNanos;
    }

    /**
     * Time the policy spent sampling inputs for criticality (zero for policies that do not sample; for
     * the evaluation-only {@code oracle}, the time of its trial runs).
     */
    public long samplingNanos() {
        return samplingNanos;
    }

    /** {@link #samplingNanos()} as a fraction of {@link #wallNanos()}: what sampling cost this call. */
    public double samplingShare() {
        return wallNanos <= 0 ? 0 : (double) samplingNanos / wallNanos;
    }

    /**
     * NaN and infinite values the policy's samples met. Each makes its HLOP critical (criticality
     * infinite) instead of entering a score.
     */
    public long nonFiniteSamples() {
        return nonFiniteSamples;
    }

    /** HLOPs the policy found critical. */
    public int criticalHlops() {
        int n = 0;
        for (HlopRecord h : hlops) {
            n += h.critical() ? 1 : 0;
        }
        return n;
    }

    /** True when the policy scored the HLOPs' criticality (a quality-aware policy). */
    public boolean scored() {
        for (HlopRecord h : hlops) {
            if (h.critical() || !Double.isNaN(h.criticality())) {
                return true;
            }
        }
        return false;
    }

    /** The combined result of a REDUCE call; null for other partitions. */
    public Object result() {
        return result;
    }

    /** Every HLOP, in index order. */
    public List<HlopRecord> hlops() {
        return hlops;
    }

    /** Every device that could run the call, in the runtime's order, including those that got no HLOP. */
    public List<DeviceSummary> devices() {
        return devices;
    }

    /** Devices the runtime has but that could not take part, with the cause. */
    public List<DeviceInfo> unavailable() {
        return unavailable;
    }

    /**
     * Devices quarantined during this call (after failing HLOPs in a row, or hanging), with the cause.
     * They take no more HLOPs from this runtime; later calls list them in {@link #unavailable()}.
     */
    public List<DeviceInfo> quarantined() {
        return quarantined;
    }

    /**
     * The energy the call took, per meter channel and in total, when the runtime measures energy
     * ({@link Shmt.Builder#energy}); otherwise a reading-less {@link Energy} that says why.
     */
    public Energy energy() {
        return energy;
    }

    /**
     * The configuration the policy chose for this call (devices, tile size) and whether it was exploring,
     * for a policy that chooses per call ({@code adaptive}); null for the others.
     */
    public PolicyChoice choice() {
        return choice;
    }

    /** HLOPs completed on {@code device}. */
    public int hlopsOn(String device) {
        for (DeviceSummary d : devices) {
            if (d.device().equals(device)) {
                return d.hlops();
            }
        }
        return 0;
    }

    public int steals() {
        int n = 0;
        for (HlopRecord h : hlops) {
            n += h.stolen() ? 1 : 0;
        }
        return n;
    }

    public int retries() {
        int n = 0;
        for (HlopRecord h : hlops) {
            n += h.failures().size();
        }
        return n;
    }

    /** The per-device table, with a header line and the unavailable devices' causes. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s (%s) policy %s: %d HLOPs in %.3f ms, sampling %.3f ms (%.2f%%), %d stolen, %d retried%n",
                vop, partition, policy, hlops.size(), wallNanos / 1e6, samplingNanos / 1e6, 100 * samplingShare(),
                steals(), retries()));
        if (choice != null) {
            sb.append("  ").append(choice).append(System.lineSeparator());
        }
        if (scored()) {
            sb.append(String.format(Locale.ROOT, "  critical: %d of %d HLOPs; non-finite samples: %d%n",
                    criticalHlops(), hlops.size(), nonFiniteSamples));
        }
        sb.append(String.format(Locale.ROOT, "  %-16s %7s %7s %7s %7s %10s %7s  %-8s %s%n",
                "device", "threads", "HLOPs", "share", "stolen", "busy ms", "util", "cores", "running as"));
        for (DeviceSummary d : devices) {
            sb.append(String.format(Locale.ROOT, "  %-16s %7d %7d %6.1f%% %7d %10.3f %6.1f%%  %-8s %s%n",
                    d.device(), d.threads(), d.hlops(), hlops.isEmpty() ? 0.0 : 100.0 * d.hlops() / hlops.size(),
                    d.stolen(), d.busyNanos() / 1e6, 100 * d.utilisation(wallNanos),
                    d.cores() == null ? "-" : d.cores().pinned() ? d.cores().list() : "any", d.detail()));
        }
        for (DeviceSummary d : devices) {
            if (d.cores() != null && !d.cores().pinned()) {
                sb.append(String.format(Locale.ROOT, "  %-16s not pinned to cores: %s%n", d.device(), d.cores().unpinned()));
            }
        }
        for (DeviceInfo u : unavailable) {
            sb.append(String.format(Locale.ROOT, "  %-16s not used: %s%n", u.name(), u.cause()));
        }
        for (DeviceInfo q : quarantined) {
            sb.append(String.format(Locale.ROOT, "  %-16s quarantined: %s%n", q.name(), q.cause()));
        }
        for (HlopRecord h : hlops) {
            for (String f : h.failures()) {
                sb.append(String.format(Locale.ROOT, "  HLOP %d %s retried after: %s%n", h.index(), h.region(), f));
            }
        }
        if (!energy.isOff()) {
            sb.append(energy.toTable());
        }
        return sb.toString();
    }

    /**
     * One line per HLOP: index, region, device and worker, start, queue wait, run time, criticality
     * score and a {@code *} when critical (blank when the policy scores nothing), stolen from.
     */
    public String hlopTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "  %5s %-26s %-18s %10s %10s %10s %12s %s%n",
                "HLOP", "region", "device/worker", "start us", "wait us", "run us", "criticality", "stolen from"));
        boolean scored = scored();
        for (HlopRecord h : hlops) {
            String crit = !scored ? "" : String.format(Locale.ROOT, "%.4g%s", h.criticality(), h.critical() ? "*" : " ");
            sb.append(String.format(Locale.ROOT, "  %5d %-26s %-18s %10.1f %10.1f %10.1f %12s %s%n", h.index(), h.region(),
                    h.device() + "/" + h.worker(), h.startNanos() / 1e3, h.queueWaitNanos() / 1e3, h.runNanos() / 1e3,
                    crit, h.stolen() ? h.stolenFrom() : ""));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return toTable();
    }
}
