package dev.shmt.spark;

import dev.shmt.api.CriticalityMetric;
import dev.shmt.api.PolicyName;
import dev.shmt.api.QawsSettings;
import dev.shmt.api.Shmt;
import dev.shmt.runtime.RuntimeBuilder;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.spi.DeviceGrants;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The settings every executor's SHMT runtime is built from: shipped with the job, compared by value, so
 * the tasks of one job on one executor share one runtime. Immutable; each {@code with...} returns a copy.
 * Every setting is checked here, on the driver, where the user wrote it.
 */
public final class ShmtSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Cells stacked into one VOP call by default: 4 Mi floats, 16 MiB, enough for many HLOPs per call. */
    public static final int DEFAULT_BATCH_CELLS = 1 << 22;

    private final String[] devices;
    private final String policy;
    private final String cpuSets;
    /** The QAWS settings as serializable parts: a {@link CriticalityMetric} is code, shipped by name. */
    private final Qaws qaws;

    private record Qaws(double samplingRate, int minSamples, String criticality, double criticalFraction, int window,
                        long seed) implements Serializable {
        static Qaws of(QawsSettings q) {
            String name = q.criticality().name();
            if (!name.equals(CriticalityMetric.RANGE.name()) && !name.equals(CriticalityMetric.STD_DEV.name())) {
                throw new IllegalArgumentException("qaws: criticality must be CriticalityMetric.RANGE or STD_DEV here,"
                        + " got '" + name + "': executors rebuild the settings from names (a VOP's own metric still applies)");
            }
            return new Qaws(q.samplingRate(), q.minSamples(), name, q.criticalFraction(), q.window(), q.seed());
        }

        QawsSettings settings() {
            CriticalityMetric m = criticality.equals(CriticalityMetric.RANGE.name()) ? CriticalityMetric.RANGE
                    : CriticalityMetric.STD_DEV;
            return new QawsSettings(samplingRate, minSamples, m, criticalFraction, window, seed);
        }
    }
    private final int quarantineAfter;
    private final int batchCells;
    /** 0 x 0: the VOP's own tile. */
    private final int tileRows;
    private final int tileCols;

    private ShmtSettings(String[] devices, String policy, String cpuSets, Qaws qaws, int quarantineAfter,
                         int batchCells) {
        this(devices, policy, cpuSets, qaws, quarantineAfter, batchCells, 0, 0);
    }

    private ShmtSettings(String[] devices, String policy, String cpuSets, Qaws qaws, int quarantineAfter,
                         int batchCells, int tileRows, int tileCols) {
        this.tileRows = tileRows;
        this.tileCols = tileCols;
        this.devices = devices;
        this.policy = policy;
        this.cpuSets = cpuSets;
        this.qaws = qaws;
        this.quarantineAfter = quarantineAfter;
        this.batchCells = batchCells;
    }

    /** Every device that loads (and is granted), work stealing, automatic core sets. */
    public static ShmtSettings defaults() {
        return new ShmtSettings(null, PolicyName.WS.toString(), null, Qaws.of(QawsSettings.DEFAULTS), RuntimeBuilder.DEFAULT_QUARANTINE_AFTER,
                DEFAULT_BATCH_CELLS);
    }

    /** As {@link Shmt.Builder#devices}. */
    public ShmtSettings withDevices(String... names) {
        Objects.requireNonNull(names, "names");
        if (names.length == 0) {
            throw new IllegalArgumentException("devices: name at least one device, or do not call it to use all");
        }
        return new ShmtSettings(names.clone(), policy, cpuSets, qaws, quarantineAfter, batchCells, tileRows, tileCols);
    }

    /** As {@link Shmt.Builder#policy(String)}: unknown names are refused here. */
    public ShmtSettings withPolicy(String name) {
        return new ShmtSettings(devices, PolicyName.parse(name).toString(), cpuSets, qaws, quarantineAfter,
                batchCells, tileRows, tileCols);
    }

    /** As {@link Shmt.Builder#cpuSets}, checked when the runtime is built. */
    public ShmtSettings withCpuSets(String spec) {
        return new ShmtSettings(devices, policy, Objects.requireNonNull(spec, "cpuSets"), qaws,
                quarantineAfter, batchCells, tileRows, tileCols);
    }

    /**
     * As {@link Shmt.Builder#qaws}: the quality-aware policies' sampling, criticality, K and window.
     *
     * @throws IllegalArgumentException naming {@code qaws} for a criticality metric other than the built-in two
     */
    public ShmtSettings withQaws(QawsSettings settings) {
        return new ShmtSettings(devices, policy, cpuSets, Qaws.of(Objects.requireNonNull(settings, "qaws")),
                quarantineAfter, batchCells, tileRows, tileCols);
    }

    /** As {@link Shmt.Builder#criticalFraction}: short for {@code withQaws(qaws.withCriticalFraction(k))}. */
    public ShmtSettings withCriticalFraction(double k) {
        return withQaws(qaws.settings().withCriticalFraction(k));
    }

    /** As {@link Shmt.Builder#quarantineAfter}. */
    public ShmtSettings withQuarantineAfter(int failures) {
        if (failures < 0) {
            throw new IllegalArgumentException("quarantineAfter must be >= 0 (0 = never), got " + failures);
        }
        return new ShmtSettings(devices, policy, cpuSets, qaws, failures, batchCells, tileRows, tileCols);
    }

    /**
     * Cells of small elements stacked into one VOP call, so that they make large HLOPs; 1 runs each
     * element as its own call. An element larger than this is one call by itself. Each task thread keeps
     * its stacking input and output (up to {@code 2 x 4 x cells} bytes, 32 MiB at the default) for reuse.
     */
    public ShmtSettings withBatchCells(int cells) {
        if (cells < 1) {
            throw new IllegalArgumentException("batchCells must be >= 1, got " + cells);
        }
        return new ShmtSettings(devices, policy, cpuSets, qaws, quarantineAfter, cells, tileRows, tileCols);
    }

    /**
     * As {@link Shmt.Builder#tileHint}: an exact tile size for every call, so a stacked call is refused
     * when it is smaller than one tile.
     */
    public ShmtSettings withTileHint(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("tileHint must be >= 1 x 1, got " + rows + " x " + cols);
        }
        return new ShmtSettings(devices, policy, cpuSets, qaws, quarantineAfter, batchCells, rows, cols);
    }

    public List<String> devices() {
        return devices == null ? null : List.of(devices);
    }

    public String policy() {
        return policy;
    }

    public int batchCells() {
        return batchCells;
    }

    /** What the runtime is built from: settings differing only in batching share a runtime. */
    Object runtimeKey() {
        return Arrays.asList(devices == null ? null : List.of(devices), policy, cpuSets, qaws,
                quarantineAfter, tileRows, tileCols);
    }

    /** A runtime with these settings that opens only what {@code grants} allow. */
    Shmt build(DeviceGrants grants) {
        RuntimeBuilder b = ShmtRuntime.builder().grants(grants).policy(policy).quarantineAfter(quarantineAfter);
        if (devices != null) {
            b.devices(devices);
        }
        if (cpuSets != null) {
            b.cpuSets(cpuSets);
        }
        b.qaws(qaws.settings());
        if (tileRows > 0) {
            b.tileHint(tileRows, tileCols);
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShmtSettings s && Arrays.equals(devices, s.devices) && policy.equals(s.policy)
                && Objects.equals(cpuSets, s.cpuSets) && qaws.equals(s.qaws)
                && quarantineAfter == s.quarantineAfter && batchCells == s.batchCells && tileRows == s.tileRows
                && tileCols == s.tileCols;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(devices), policy, cpuSets, qaws, quarantineAfter, batchCells,
                tileRows, tileCols);
    }

    @Override
    public String toString() {
        return "devices " + (devices == null ? "all" : String.join(",", devices)) + ", policy " + policy
                + (cpuSets == null ? "" : ", cpu sets " + cpuSets)
                + (qaws.equals(Qaws.of(QawsSettings.DEFAULTS)) ? "" : ", " + qaws.settings())
                + (tileRows > 0 ? ", tiles " + tileRows + " x " + tileCols : "")
                + ", quarantine after " + quarantineAfter + ", batch " + batchCells + " cells";
    }
}
