package dev.shmt.apps.dct8x8;

import dev.shmt.api.DeviceKind;
import dev.shmt.api.EmulationCost;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.GpuKernel;
import dev.shmt.api.In;
import dev.shmt.api.NpuModel;
import dev.shmt.api.Out;
import dev.shmt.api.Partition;
import dev.shmt.api.Vop;

/**
 * DCT8x8, the paper's baseline from the CUDA samples ({@code dct8x8}): the 2-D DCT-II of every 8 x 8 block
 * of an image, orthonormal as in JPEG, {@code out = C X C^T} per block with
 *
 * <pre>
 * C[u][x] = a(u) cos((2x + 1) u pi / 16),   a(0) = sqrt(1/8),  a(u > 0) = sqrt(2/8)
 * </pre>
 *
 * <p>Blocks are those of the whole matrix (rows and columns from 0 in steps of 8), so both sides of the
 * matrix must be multiples of 8 ({@link #checkBlocks}) and every HLOP must be whole blocks. The VOP
 * declares {@code tileMultiple = 8}, so the runtime cuts its tiles in multiples of 8 whatever the hint:
 * its own 256 x 256, cut down to the image, or a runtime's {@code tileHint}, rounded down (100 x 100 runs
 * as 96 x 96, never below 8); the last tile at the image's edge takes what remains, again a multiple of 8
 * on an image of whole blocks. So any tile hint gives the untiled result, bitwise on the CPU and GPU. A
 * view that is not whole blocks can still reach the body by a direct call or a hand-built {@code VopCall}
 * without the multiple: the CPU body and the NPU kernel refuse it ({@link IllegalArgumentException}, which
 * the runtime reports, never counts as a device fault), and the GPU kernel, which cannot see where its tile
 * lies, writes NaN over a tile whose sides are not multiples of 8 rather than a wrong DCT.
 *
 * <p>The CPU body ({@link Dct8x8Interior}) does the rows, then the columns, of each block in fp32, every
 * sum in a fixed order: for {@code R = X C^T} and {@code out = C R}
 *
 * <pre>
 * R[y][u]   = (((((((C[u][0] X[y][0] + C[u][1] X[y][1]) + C[u][2] X[y][2]) + ...) + C[u][7] X[y][7]
 * out[v][u] = (((((((C[v][0] R[0][u] + C[v][1] R[1][u]) + C[v][2] R[2][u]) + ...) + C[v][7] R[7][u]
 * </pre>
 *
 * with {@code C} the float table {@link #COS}; the GPU kernel {@code dct8x8} (native/gpu/cuda/dct8x8.cu)
 * does the same operations, so CPU and GPU tiles are bitwise equal to this method on the whole image.
 * NPU tiles ({@link Dct8x8Npu}) are one int8 64 x 64 matrix product per block.
 */
public final class Dct8x8 {
    /** The block side. */
    public static final int BLOCK = 8;

    /**
     * {@code C[u][x]} at {@code u * 8 + x} in float: {@code a(u) cos((2x + 1) u pi / 16)} in double, rounded
     * once. The GPU kernel's table holds the same 64 floats (checked by host_check.cpp, which computes them
     * the same way, and by the GPU test through the runtime).
     */
    static final float[] COS = table();

    private Dct8x8() {}

    /**
     * The 8 x 8 block DCT-II of {@code src} into {@code dst}.
     *
     * @throws IllegalArgumentException as {@link #checkBlocks}, or when this call's view is not whole
     *     blocks of the matrix it was cut from (a direct call on such a view; the runtime's tiles always are)
     */
    // Emulation costs: a row and a column pass of 8 multiplications and 7 additions each; the NPU: a 64 x 64 int8
    // matrix product per block (64 multiply-adds per coefficient)
    @EmulationCost(kind = DeviceKind.CPU, opsPerCell = 30, bytesPerCell = 8)
    @EmulationCost(kind = DeviceKind.GPU, opsPerCell = 30, bytesPerCell = 8)
    @EmulationCost(kind = DeviceKind.NPU, opsPerCell = 128, bytesPerCell = 2)
    @Vop(partition = Partition.TILE_2D, tileRows = 256, tileCols = 256, tileMultiple = BLOCK, check = "checkBlocks")
    @GpuKernel(ptx = "/dev/shmt/apps/dct8x8/dct8x8.ptx", function = "dct8x8")
    @NpuModel(Dct8x8Npu.class)
    public static void forward(@In FloatMatrix src, @Out FloatMatrix dst) {
        checkWholeBlocks(src);
        Dct8x8Interior.run(src.array(), src.offset(), src.stride(), dst.array(), dst.offset(), dst.stride(),
                dst.rows(), dst.cols());
    }

    /**
     * What {@link #forward} needs beyond the generated checks: an image of whole 8 x 8 blocks.
     * {@code Dct8x8Vops} runs it on the whole views before any HLOP.
     *
     * @throws IllegalArgumentException naming the argument when {@code src} has a side that is not a
     *     multiple of 8 (or is null)
     */
    static void checkBlocks(FloatMatrix src, FloatMatrix dst) {
        if (src == null) {
            throw new IllegalArgumentException("Dct8x8.forward: argument 'src' must not be null");
        }
        if (src.rows() % BLOCK != 0 || src.cols() % BLOCK != 0) {
            throw new IllegalArgumentException("Dct8x8.forward: argument 'src' must be whole 8 x 8 blocks (rows and"
                    + " columns multiples of 8), got " + src.rows() + " x " + src.cols());
        }
    }

    /** Refuses a view that is not whole blocks of its matrix, in the words of an HLOP's tile. */
    private static void checkWholeBlocks(FloatMatrix src) {
        if (src.rows() % BLOCK != 0 || src.cols() % BLOCK != 0 || src.originRow() % BLOCK != 0
                || src.originCol() % BLOCK != 0) {
            throw new IllegalArgumentException("Dct8x8.forward: a tile must be whole 8 x 8 blocks of the image (rows,"
                    + " columns and origin multiples of 8), got " + src.rows() + " x " + src.cols() + " at ("
                    + src.originRow() + ", " + src.originCol() + ")");
        }
    }

    /**
     * {@link #forward}'s double-precision reference, dense row-major: every block's {@code C X C^T} with
     * the coefficients in double and every sum in double.
     *
     * @throws IllegalArgumentException when {@code src} is null or not whole 8 x 8 blocks
     */
    public static double[] reference(FloatMatrix src) {
        if (src == null) {
            throw new IllegalArgumentException("src must not be null; expected the DCT's input image");
        }
        checkBlocks(src, null);
        double[] c = coefficients();
        int rows = src.rows();
        int cols = src.cols();
        double[] out = new double[rows * cols];
        double[] rowPass = new double[BLOCK * BLOCK];
        for (int br = 0; br < rows; br += BLOCK) {
            for (int bc = 0; bc < cols; bc += BLOCK) {
                for (int y = 0; y < BLOCK; y++) {
                    for (int u = 0; u < BLOCK; u++) {
                        double s = 0;
                        for (int x = 0; x < BLOCK; x++) {
                            s += c[u * BLOCK + x] * src.get(br + y, bc + x);
                        }
                        rowPass[y * BLOCK + u] = s;
                    }
                }
                for (int v = 0; v < BLOCK; v++) {
                    for (int u = 0; u < BLOCK; u++) {
                        double s = 0;
                        for (int y = 0; y < BLOCK; y++) {
                            s += c[v * BLOCK + y] * rowPass[y * BLOCK + u];
                        }
                        out[(br + v) * cols + bc + u] = s;
                    }
                }
            }
        }
        return out;
    }

    /** {@code C[u][x] = a(u) cos((2x + 1) u pi / 16)} in double, at {@code u * 8 + x}. */
    public static double[] coefficients() {
        double[] c = new double[BLOCK * BLOCK];
        for (int u = 0; u < BLOCK; u++) {
            double a = Math.sqrt((u == 0 ? 1.0 : 2.0) / BLOCK);
            for (int x = 0; x < BLOCK; x++) {
                c[u * BLOCK + x] = a * Math.cos((2 * x + 1) * u * Math.PI / (2 * BLOCK));
            }
        }
        return c;
    }

    private static float[] table() {
        double[] c = coefficients();
        float[] f = new float[c.length];
        for (int i = 0; i < c.length; i++) {
            f[i] = (float) c[i];
        }
        return f;
    }
}
