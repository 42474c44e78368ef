package dev.shmt.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BinaryOperator;

/**
 * One call of a VOP, ready for a runtime: its name, partition model and domain shape, halo and border,
 * hints, the implementations devices may run its HLOPs with, and what a cell costs each kind of device
 * when emulated. Generated code builds these; so can hand-written code.
 *
 * <p>Implementations are keyed by type: the CPU runs a {@link CpuKernel}; other devices look up the
 * implementation type they know (a GPU kernel binding, an NPU model), so a device runs an HLOP only when
 * the call carries something it can execute.
 */
public final class VopCall {
    private final String name;
    private final Partition partition;
    private final int rows;
    private final int cols;
    private final int halo;
    private final Border border;
    private final int tileRows;
    private final int tileCols;
    private final int tileMultiple;
    private final int chunk;
    private final double criticalFraction;
    private final CriticalityMetric criticality;
    private final Map<Class<?>, Object> implementations;
    private final BinaryOperator<Object> combiner;
    private final List<Arg> args;
    private final Map<DeviceKind, Cost> costs;

    /** How a VOP uses one of its parameters. */
    public enum Role {
        /** A view the VOP reads. */
        IN,
        /** A view the VOP writes, one region per HLOP. */
        OUT,
        /** A value passed unchanged to every HLOP. */
        SCALAR
    }

    /**
     * One argument of the call, in the VOP's parameter order: what devices with their own memory
     * (GPU, NPU) stage and pass to their kernels.
     */
    public record Arg(String name, Role role, Object value) {
        public Arg {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
            if (role != Role.SCALAR && !(value instanceof FloatMatrix) && !(value instanceof FloatArray)) {
                throw new IllegalArgumentException("argument '" + name + "' (" + role
                        + ") must be a FloatMatrix or FloatArray view, got " + value);
            }
        }
    }

    /**
     * What one cell costs a device of {@code kind} when emulated (see {@link EmulationCost}): operations
     * and bytes of device memory traffic, both positive and finite.
     */
    public record Cost(DeviceKind kind, double opsPerCell, double bytesPerCell) {
        public Cost {
            Objects.requireNonNull(kind, "kind");
            if (!(opsPerCell > 0) || Double.isInfinite(opsPerCell)) {
                throw new IllegalArgumentException("opsPerCell of the " + kind + " cost must be a positive finite"
                        + " number, got " + opsPerCell);
            }
            if (!(bytesPerCell > 0) || Double.isInfinite(bytesPerCell)) {
                throw new IllegalArgumentException("bytesPerCell of the " + kind + " cost must be a positive finite"
                        + " number, got " + bytesPerCell);
            }
        }
    }

    private VopCall(Builder b) {
        this.name = b.name;
        this.partition = b.partition;
        this.rows = b.rows;
        this.cols = b.cols;
        this.halo = b.halo;
        this.border = b.border;
        this.tileRows = b.tileRows;
        this.tileCols = b.tileCols;
        this.tileMultiple = b.tileMultiple;
        this.chunk = b.chunk;
        this.criticalFraction = b.criticalFraction;
        this.criticality = b.criticality;
        this.implementations = Map.copyOf(b.implementations);
        this.combiner = b.combiner;
        this.args = List.copyOf(b.args);
        this.costs = Collections.unmodifiableMap(new EnumMap<>(b.costs));
    }

    public static Builder builder(String name, Partition partition) {
        return new Builder(name, partition);
    }

    public String name() {
        return name;
    }

    public Partition partition() {
        return partition;
    }

    /** Domain rows: 1 for 1-D partitions. */
    public int rows() {
        return rows;
    }

    /** Domain columns: the element count for 1-D partitions. */
    public int cols() {
        return cols;
    }

    public int halo() {
        return halo;
    }

    public Border border() {
        return border;
    }

    /** Tile height (TILE_2D) or rows per HLOP (ROWS); 0 when the VOP gives no hint. */
    public int tileRows() {
        return tileRows;
    }

    /** Tile width hint; 0 when the VOP gives no hint. */
    public int tileCols() {
        return tileCols;
    }

    /**
     * What tile sides (rows per HLOP for ROWS) must be multiples of ({@link Vop#tileMultiple()}); 0 when
     * any size goes.
     */
    public int tileMultiple() {
        return tileMultiple;
    }

    /** Elements per HLOP hint for 1-D partitions; 0 when the VOP gives no hint. */
    public int chunk() {
        return chunk;
    }

    /** Quality hint: fraction of HLOPs usually critical; negative when the VOP gives none. */
    public double criticalFraction() {
        return criticalFraction;
    }

    /** The VOP's own criticality metric ({@link Vop#criticality()}); null when it names none. */
    public CriticalityMetric criticality() {
        return criticality;
    }

    /** The implementation of {@code type} this call carries, or null. */
    public <T> T implementation(Class<T> type) {
        return type.cast(implementations.get(type));
    }

    public Set<Class<?>> implementationTypes() {
        return implementations.keySet();
    }

    /** The CPU implementation, or null when the VOP has none. */
    public CpuKernel cpuKernel() {
        return implementation(CpuKernel.class);
    }

    /** Combines two partial results of a REDUCE call; null for other partitions. */
    public BinaryOperator<Object> combiner() {
        return combiner;
    }

    /** The VOP's arguments in parameter order; empty when the call was built without them. */
    public List<Arg> args() {
        return args;
    }

    /** The VOP's emulation costs by device kind, in kind order; empty when it declares none. */
    public Map<DeviceKind, Cost> costs() {
        return costs;
    }

    /** The VOP's emulation cost for devices of {@code kind}; null when it declares none. */
    public Cost cost(DeviceKind kind) {
        return costs.get(Objects.requireNonNull(kind, "kind"));
    }

    @Override
    public String toString() {
        return name + "[" + partition + " " + rows + " x " + cols + (halo > 0 ? ", halo " + halo : "") + "]";
    }

    /** Builds a {@link VopCall}; {@link #build()} refuses inconsistent settings. */
    public static final class Builder {
        private final String name;
        private final Partition partition;
        private int rows;
        private int cols;
        private int halo;
        private Border border = Border.CLAMP;
        private int tileRows;
        private int tileCols;
        private int tileMultiple;
        private int chunk;
        private double criticalFraction = -1;
        private CriticalityMetric criticality;
        private final Map<Class<?>, Object> implementations = new LinkedHashMap<>();
        private BinaryOperator<Object> combiner;
        private final List<Arg> args = new ArrayList<>();
        private final Map<DeviceKind, Cost> costs = new EnumMap<>(DeviceKind.class);

        private Builder(String name, Partition partition) {
            this.name = Objects.requireNonNull(name, "name");
            this.partition = Objects.requireNonNull(partition, "partition");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
        }

        /** The matrix shape a TILE_2D or ROWS call covers. */
        public Builder shape(int rows, int cols) {
            Checks.positive("rows", rows);
            Checks.positive("cols", cols);
            Checks.elementCount("rows x cols", rows, cols);
            this.rows = rows;
            this.cols = cols;
            return this;
        }

        /** The element count an ELEMENTWISE or REDUCE call covers. */
        public Builder length(int length) {
            Checks.positive("length", length);
            this.rows = 1;
            this.cols = length;
            return this;
        }

        public Builder halo(int halo) {
            if (halo < 0) {
                throw new IllegalArgumentException("halo must be >= 0, got " + halo);
            }
            this.halo = halo;
            return this;
        }

        public Builder border(Border border) {
            this.border = Objects.requireNonNull(border, "border");
            return this;
        }

        /** Tile size hint (TILE_2D); for ROWS only {@code rows} counts. 0 leaves it to the runtime. */
        public Builder tileHint(int rows, int cols) {
            if (rows < 0 || cols < 0) {
                throw new IllegalArgumentException("tile hint must be >= 0 (0 = runtime decides), got "
                        + rows + " x " + cols);
            }
            this.tileRows = rows;
            this.tileCols = cols;
            return this;
        }

        /**
         * Tile sides (TILE_2D) or rows per HLOP (ROWS) in multiples of {@code multiple}: the runtime rounds
         * the sizes it picks down to one, never below {@code multiple}.
         */
        public Builder tileMultiple(int multiple) {
            if (multiple < 1) {
                throw new IllegalArgumentException("tileMultiple must be >= 1, got " + multiple);
            }
            this.tileMultiple = multiple;
            return this;
        }

        /** Elements per HLOP hint for ELEMENTWISE and REDUCE. 0 leaves it to the runtime. */
        public Builder chunkHint(int chunk) {
            if (chunk < 0) {
                throw new IllegalArgumentException("chunk hint must be >= 0 (0 = runtime decides), got " + chunk);
            }
            this.chunk = chunk;
            return this;
        }

        public Builder criticalFraction(double fraction) {
            if (!(fraction < 0) && !(fraction <= 1)) {
                throw new IllegalArgumentException("criticalFraction must be in [0, 1] or negative (unset), got "
                        + fraction);
            }
            this.criticalFraction = fraction;
            return this;
        }

        /** The VOP's own criticality metric, which quality-aware policies score HLOPs with. */
        public Builder criticality(CriticalityMetric metric) {
            this.criticality = Objects.requireNonNull(metric, "metric");
            return this;
        }

        /** Appends the next argument in the VOP's parameter order. */
        public Builder arg(String name, Role role, Object value) {
            for (Arg a : args) {
                if (a.name().equals(name)) {
                    throw new IllegalArgumentException("argument '" + name + "' is already set");
                }
            }
            args.add(new Arg(name, role, value));
            return this;
        }

        /**
         * What one cell costs a device of {@code kind} when emulated ({@link EmulationCost}); one per kind.
         *
         * @throws IllegalArgumentException when a number is not positive and finite, or {@code kind} has a cost
         */
        public Builder cost(DeviceKind kind, double opsPerCell, double bytesPerCell) {
            Cost c = new Cost(kind, opsPerCell, bytesPerCell);
            if (costs.containsKey(kind)) {
                throw new IllegalArgumentException(name + ": the " + kind + " cost is already set: one per device kind");
            }
            costs.put(kind, c);
            return this;
        }

        /** The CPU implementation of one HLOP. */
        public Builder cpu(CpuKernel kernel) {
            return implementation(CpuKernel.class, kernel);
        }

        /** An implementation for the devices that run {@code type}. */
        public <T> Builder implementation(Class<T> type, T implementation) {
            Objects.requireNonNull(type, "type");
            implementations.put(type, type.cast(Objects.requireNonNull(implementation, "implementation")));
            return this;
        }

        /**
         * The associative combiner of a REDUCE call's partial results. The runtime combines them in HLOP
         * order, so a result does not depend on which device finished first.
         */
        @SuppressWarnings("unchecked")
        public <T> Builder combiner(BinaryOperator<T> combiner) {
            this.combiner = (BinaryOperator<Object>) Objects.requireNonNull(combiner, "combiner");
            return this;
        }

        public VopCall build() {
            if (rows == 0) {
                throw new IllegalStateException(name + ": set the domain with shape(rows, cols) or length(n)");
            }
            boolean oneD = partition == Partition.ELEMENTWISE || partition == Partition.REDUCE;
            if (oneD && rows != 1) {
                throw new IllegalStateException(name + ": " + partition + " covers a 1-D length; use length(n)");
            }
            if (halo > 0 && partition != Partition.TILE_2D) {
                throw new IllegalStateException(name + ": halo " + halo + " needs TILE_2D, not " + partition);
            }
            if (tileMultiple > 0 && oneD) {
                throw new IllegalStateException(name + ": tileMultiple " + tileMultiple + " needs TILE_2D or ROWS, not "
                        + partition);
            }
            if (partition == Partition.REDUCE && combiner == null) {
                throw new IllegalStateException(name + ": REDUCE needs a combiner");
            }
            if (partition != Partition.REDUCE && combiner != null) {
                throw new IllegalStateException(name + ": a combiner only applies to REDUCE, not " + partition);
            }
            if (implementations.isEmpty()) {
                throw new IllegalStateException(name + ": no implementation for any device");
            }
            return new VopCall(this);
        }
    }
}
