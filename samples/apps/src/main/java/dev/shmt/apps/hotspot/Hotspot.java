package dev.shmt.apps.hotspot;

import dev.shmt.api.Border;
import dev.shmt.api.DeviceKind;
import dev.shmt.api.EmulationCost;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.GpuKernel;
import dev.shmt.api.In;
import dev.shmt.api.NpuModel;
import dev.shmt.api.Out;
import dev.shmt.api.Partition;
import dev.shmt.api.Vop;
import dev.shmt.apps.common.Interior;
import dev.shmt.apps.common.Stencil3Interior;

/**
 * Rodinia's HotSpot: the transient temperature of a chip from its power map, one explicit time step per
 * call. Each cell exchanges heat with its four neighbours (lateral resistances Rx, Ry), with the ambient
 * through the package (Rz), and gains its power:
 *
 * <pre>
 * T' = T + K ((P + ((S + N) - 2T) / Ry) + ((E + W) - 2T) / Rx) + (AMB - T) / Rz)
 * </pre>
 *
 * Rodinia's constants (silicon's specific heat and conductivity, a 0.5 mm die, 80 degrees ambient, the step
 * that limits the steepest rise to 0.001 degrees) for the cells of its 1024 x 1024 grid over a 16 mm chip:
 * a larger N here is a larger chip with the same cells, since Rodinia's step for smaller cells would make
 * the explicit update unstable (1 - 4K/Ry < 0 from N = 2048). Past the chip's edge a neighbour is the cell
 * itself ({@link Border#CLAMP}): no heat flows out sideways, as in Rodinia's edge and corner cases.
 */
public final class Hotspot {
    /** Rodinia's cell: 16 mm / 1024. */
    static final double CELL_M = 0.016 / 1024;
    static final double T_CHIP = 0.0005;
    static final double K_SI = 100;
    static final double SPEC_HEAT_SI = 1.75e6;
    static final double FACTOR_CHIP = 0.5;
    static final double MAX_PD = 3.0e6;
    static final double PRECISION = 0.001;

    /** Degrees of the ambient. */
    public static final float AMB = 80f;
    /** 1 / Rx = 1 / Ry: square cells conduct alike both ways. */
    static final float G_LATERAL = (float) (2.0 * K_SI * T_CHIP);
    /** 1 / Rz. */
    static final float G_AMBIENT = (float) (K_SI * CELL_M * CELL_M / T_CHIP);
    /** step / Cap. */
    static final float K = (float) ((PRECISION / (MAX_PD / (FACTOR_CHIP * T_CHIP * SPEC_HEAT_SI)))
            / (FACTOR_CHIP * SPEC_HEAT_SI * T_CHIP * CELL_M * CELL_M));

    /**
     * The stencil part of one step, row-major 3 x 3, as the NPU computes it: {@code K / Ry} for north and
     * south, {@code K / Rx} for east and west, and what is left of T at the centre.
     */
    static final float[] WEIGHTS = {
        0f, K * G_LATERAL, 0f,
        K * G_LATERAL, 1f - 4f * K * G_LATERAL - K * G_AMBIENT, K * G_LATERAL,
        0f, K * G_LATERAL, 0f};

    private Hotspot() {}

    /**
     * One time step: {@code result} from {@code temp} and {@code power}. CPU and GPU tiles are bitwise equal
     * to this method called on the whole grid (the same fp32 operations in the same order); NPU tiles
     * ({@link HotspotNpu}) compute the stencil in int8 and add the power on the host.
     */
    // Emulation costs: 9 additions and subtractions and 4 multiplications per cell, reading temperature and power
    // and writing the next temperature (12 bytes); the NPU: one 3 x 3 convolution of the temperature (18), power
    // read too (3 bytes)
    @EmulationCost(kind = DeviceKind.CPU, opsPerCell = 13, bytesPerCell = 12)
    @EmulationCost(kind = DeviceKind.GPU, opsPerCell = 13, bytesPerCell = 12)
    @EmulationCost(kind = DeviceKind.NPU, opsPerCell = 18, bytesPerCell = 3)
    @Vop(partition = Partition.TILE_2D, halo = 1, border = Border.CLAMP)
    @GpuKernel(ptx = "/dev/shmt/apps/hotspot/hotspot.ptx", function = "hotspot")
    @NpuModel(HotspotNpu.class)
    public static void step(@In FloatMatrix temp, @In FloatMatrix power, @Out FloatMatrix result) {
        int rows = result.rows();
        int cols = result.cols();
        int[] in = Interior.of(temp, rows, cols);
        int r0 = in[0];
        int r1 = in[1];
        int c0 = in[2];
        int c1 = in[3];
        Stencil3Interior.hotspot(temp.array(), temp.offset(), temp.stride(), power.array(), power.offset(),
                power.stride(), result.array(), result.offset(), result.stride(), r0, r1, c0, c1,
                G_LATERAL, G_AMBIENT, K, AMB);
        // The rim of the whole grid, through get() for its border values.
        for (int r = 0; r < rows; r++) {
            boolean whole = r < r0 || r >= r1;
            for (int c = 0; c < cols; c++) {
                if (!whole && c == c0 && c1 > c0) {
                    c = c1 - 1; // skip the interior, written above
                    continue;
                }
                result.set(r, c, cell(temp.get(r, c), temp.get(r - 1, c), temp.get(r + 1, c), temp.get(r, c - 1),
                        temp.get(r, c + 1), power.get(r, c)));
            }
        }
    }

    /** One cell's update, in the kernels' order. */
    static float cell(float t, float n, float s, float w, float e, float p) {
        float d = ((p + ((s + n) - 2f * t) * G_LATERAL) + ((e + w) - 2f * t) * G_LATERAL) + (AMB - t) * G_AMBIENT;
        return t + K * d;
    }

    /**
     * {@code steps} time steps from {@code temp} in double, what the benchmark's quality is measured
     * against: the same float constants, every operation in double, {@link Border#CLAMP} past the edge.
     *
     * @throws IllegalArgumentException when an argument is null, the grids differ in shape, or steps < 0
     */
    public static double[] reference(FloatMatrix temp, FloatMatrix power, int steps) {
        if (temp == null || power == null) {
            throw new IllegalArgumentException((temp == null ? "temp" : "power")
                    + " must not be null; expected the HotSpot temperature and power grids");
        }
        if (temp.rows() != power.rows() || temp.cols() != power.cols()) {
            throw new IllegalArgumentException("power must be " + temp.rows() + " x " + temp.cols()
                    + " like temp; got " + power.rows() + " x " + power.cols());
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        int rows = temp.rows();
        int cols = temp.cols();
        double[] t = new double[rows * cols];
        double[] next = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[r * cols + c] = temp.get(r, c);
            }
        }
        for (int k = 0; k < steps; k++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double x = t[r * cols + c];
                    double n = t[Math.max(r - 1, 0) * cols + c];
                    double s = t[Math.min(r + 1, rows - 1) * cols + c];
                    double w = t[r * cols + Math.max(c - 1, 0)];
                    double e = t[r * cols + Math.min(c + 1, cols - 1)];
                    double d = power.get(r, c) + (n + s - 2 * x) * G_LATERAL + (e + w - 2 * x) * G_LATERAL
                            + (AMB - x) * G_AMBIENT;
                    next[r * cols + c] = x + K * d;
                }
            }
            double[] swap = t;
            t = next;
            next = swap;
        }
        return t;
    }
}
