package dev.shmt.spark;

import dev.shmt.api.PolicyName;
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
    private final double criticalFraction;
    private final int quarantineAfter;
    private final int batchCells;
    /** 0 x 0: the VOP's own tile. */
    private final int tileRows;
    private final int tileCols;

    private ShmtSettings(String[] devices, String policy, String cpuSets, double criticalFraction, int quarantineAfter,
                         int batchCells) {
        this(devices, policy, cpuSets, criticalFraction, quarantineAfter, batchCells, 0, 0);
    }

    private ShmtSettings(String[] devices, String policy, String cpuSets, double criticalFraction, int quarantineAfter,
                         int batchCells, int tileRows, int tileCols) {
        this.tileRows = tileRows;
        this.tileCols = tileCols;
        this.devices = devices;
        this.policy = policy;
        this.cpuSets = cpuSets;
        this.criticalFraction = criticalFraction;
        this.quarantineAfter = quarantineAfter;
        this.batchCells = batchCells;
    }

    /** Every device that loads (and is granted), work stealing, automatic core sets. */
    public static ShmtSettings defaults() {
        return new ShmtSettings(null, PolicyName.WS.toString(), null, Double.NaN, RuntimeBuilder.DEFAULT_QUARANTINE_AFTER,
                DEFAULT_BATCH_CELLS);
    }

    /** As {@link Shmt.Builder#devices}. */
    public ShmtSettings withDevices(String... names) {
        Objects.requireNonNull(names, "names");
        if (names.length == 0) {
            throw new IllegalArgumentException("devices: name at least one device, or do not call it to use all");
        }
        return new ShmtSettings(names.clone(), policy, cpuSets, criticalFraction, quarantineAfter, batchCells, tileRows, tileCols);
    }

    /** As {@link Shmt.Builder#policy(String)}: unknown names are refused here. */
    public ShmtSettings withPolicy(String name) {
        return new ShmtSettings(devices, PolicyName.parse(name).toString(), cpuSets, criticalFraction, quarantineAfter,
                batchCells, tileRows, tileCols);
    }

    /** As {@link Shmt.Builder#cpuSets}, checked when the runtime is built. */
    public ShmtSettings withCpuSets(String spec) {
        return new ShmtSettings(devices, policy, Objects.requireNonNull(spec, "cpuSets"), criticalFraction,
                quarantineAfter, batchCells, tileRows, tileCols);
    }

    /** As {@link Shmt.Builder#criticalFraction}. */
    public ShmtSettings withCriticalFraction(double k) {
        if (!(k >= 0 && k <= 1)) {
            throw new IllegalArgumentException("criticalFraction must be in [0, 1], got " + k);
        }
        return new ShmtSettings(devices, policy, cpuSets, k, quarantineAfter, batchCells, tileRows, tileCols);
    }

    /** As {@link Shmt.Builder#quarantineAfter}. */
    public ShmtSettings withQuarantineAfter(int failures) {
        if (failures < 0) {
            throw new IllegalArgumentException("quarantineAfter must be >= 0 (0 = never), got " + failures);
        }
        return new ShmtSettings(devices, policy, cpuSets, criticalFraction, failures, batchCells, tileRows, tileCols);
    }

    /**
     * Cells of small elements stacked into one VOP call, so that they make large HLOPs; 1 runs each
     * element as its own call. An element larger than this is one call by itself.
     */
    public ShmtSettings withBatchCells(int cells) {
        if (cells < 1) {
            throw new IllegalArgumentException("batchCells must be >= 1, got " + cells);
        }
        return new ShmtSettings(devices, policy, cpuSets, criticalFraction, quarantineAfter, cells, tileRows, tileCols);
    }

    /**
     * As {@link Shmt.Builder#tileHint}: an exact tile size for every call, so a stacked call is refused
     * when it is smaller than one tile.
     */
    public ShmtSettings withTileHint(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("tileHint must be >= 1 x 1, got " + rows + " x " + cols);
        }
        return new ShmtSettings(devices, policy, cpuSets, criticalFraction, quarantineAfter, batchCells, rows, cols);
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
        return Arrays.asList(devices == null ? null : List.of(devices), policy, cpuSets, criticalFraction,
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
        if (!Double.isNaN(criticalFraction)) {
            b.criticalFraction(criticalFraction);
        }
        if (tileRows > 0) {
            b.tileHint(tileRows, tileCols);
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShmtSettings s && Arrays.equals(devices, s.devices) && policy.equals(s.policy)
                && Objects.equals(cpuSets, s.cpuSets) && Double.compare(criticalFraction, s.criticalFraction) == 0
                && quarantineAfter == s.quarantineAfter && batchCells == s.batchCells && tileRows == s.tileRows
                && tileCols == s.tileCols;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(devices), policy, cpuSets, criticalFraction, quarantineAfter, batchCells,
                tileRows, tileCols);
    }

    @Override
    public String toString() {
        return "devices " + (devices == null ? "all" : String.join(",", devices)) + ", policy " + policy
                + (cpuSets == null ? "" : ", cpu sets " + cpuSets)
                + (Double.isNaN(criticalFraction) ? "" : ", K " + criticalFraction)
                + (tileRows > 0 ? ", tiles " + tileRows + " x " + tileCols : "")
                + ", quarantine after " + quarantineAfter + ", batch " + batchCells + " cells";
    }
}
