package dev.shmt.npu.kernels;

import dev.shmt.api.CriticalityMetric;
import dev.shmt.api.FloatArray;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.api.npu.NpuContext;
import dev.shmt.api.npu.NpuInterpreter;
import dev.shmt.api.npu.NpuKernel;
import dev.shmt.api.npu.NpuTensor;

/**
 * The NPU kernel of a TILE_2D VOP {@code src -> dst} computing the orthonormal DCT-II of each 8 x 8 block
 * ({@link Dct8x8Model}), all blocks of a tile in one int8 matrix product. The transform is linear, so the
 * host fits each block into the model's input exactly and undoes it on the output: it subtracts the
 * block's mean (which changes only the DC coefficient, set afterwards to the block's exact sum / 8) and
 * divides by the largest remaining magnitude {@code s}; the 63 other coefficients are multiplied by
 * {@code s} again. So a flat block gets input steps as fine as its own spread, and a block's error grows
 * with its range.
 *
 * <p>Tiles must be whole blocks of the image (rows, columns and origin multiples of 8), which a VOP
 * declaring {@code @Vop(tileMultiple = 8)} always gets; any other is refused with an
 * {@link IllegalArgumentException}. Extend it with a no-argument constructor that says
 * which coefficient values to cover ({@link #coefficientRanges}) to name it in {@code @NpuModel}. Scratch
 * buffers belong to the worker thread and are reused; a model is built once per number of blocks.
 */
public abstract class Dct8x8Kernel implements NpuKernel {
    private static final int B = 8;
    private static final int CELLS = Dct8x8Model.CELLS;

    private final String keyPrefix = getClass().getName() + "@";
    private volatile Dct8x8Model model;
    private volatile float[] unscale;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    /** Per worker: the scaled blocks, one block's outputs, and each block's sum and scale. */
    private static final class Scratch {
        float[] in = new float[0];
        float[] block = new float[CELLS];
        double[] sums = new double[0];
        float[] scales = new float[0];
    }

    /**
     * For each coefficient {@code k = 8v + u} of blocks after {@link #normalize}, the largest |value| the
     * model must represent: for example what representative blocks reach ({@link Dct8x8Model#boundRanges}
     * never saturates). Called once.
     */
    protected abstract float[] coefficientRanges();

    /** A block's int8 error grows with its spread, which the host scales onto the model's input. */
    @Override
    public CriticalityMetric criticality() {
        return CriticalityMetric.RANGE;
    }

    /** The model, calibrated once. */
    public Dct8x8Model model() {
        Dct8x8Model m = model;
        if (m == null) {
            synchronized (this) {
                m = model;
                if (m == null) {
                    m = new Dct8x8Model(coefficientRanges());
                    float[] u = new float[CELLS];
                    for (int k = 0; k < CELLS; k++) {
                        u[k] = m.unscale(k);
                    }
                    unscale = u;
                    model = m;
                }
            }
        }
        return m;
    }

    @Override
    public Object run(NpuContext npu, VopCall call, Region region) {
        FloatMatrix in = null;
        FloatMatrix out = null;
        for (VopCall.Arg a : call.args()) {
            if (a.value() instanceof FloatMatrix m) {
                if (a.role() == VopCall.Role.IN && in == null) {
                    in = m;
                } else if (a.role() == VopCall.Role.OUT && out == null) {
                    out = m;
                }
            }
        }
        if (in == null || out == null) {
            throw new IllegalStateException(call.name() + ": an NPU 8x8 DCT needs one @In and one @Out FloatMatrix");
        }
        if (region.row() % B != 0 || region.col() % B != 0 || region.rows() % B != 0 || region.cols() % B != 0) {
            throw new IllegalArgumentException(call.name() + ": the NPU 8x8 DCT needs tiles of whole 8 x 8 blocks"
                    + " (a call with tileMultiple 8 gets only those), got " + region);
        }
        Dct8x8Model m = model();
        float[] unscaleK = unscale;
        int blockCols = region.cols() / B;
        int blocks = (region.rows() / B) * blockCols;
        NpuInterpreter it = npu.interpreter(keyPrefix + blocks, () -> m.build(blocks));
        Scratch s = scratch.get();
        if (s.in.length < blocks * CELLS) {
            s.in = new float[blocks * CELLS];
            s.sums = new double[blocks];
            s.scales = new float[blocks];
        }
        FloatMatrix src = in.region(region);
        float[] a = src.array();
        for (int b = 0; b < blocks; b++) {
            int at = src.offset() + (b / blockCols) * B * src.stride() + (b % blockCols) * B;
            s.scales[b] = normalize(a, at, src.stride(), s.in, b * CELLS, s.sums, b);
        }
        it.input(0).write(FloatArray.wrap(s.in, 0, blocks * CELLS));
        it.invoke();
        if (!npu.claimOutput()) {
            return null;
        }
        NpuTensor y = it.output(0);
        FloatMatrix dst = out.region(region);
        float[] d = dst.array();
        float[] block = s.block;
        for (int b = 0; b < blocks; b++) {
            y.read(b * CELLS, block, 0, CELLS);
            float scale = s.scales[b];
            int at = dst.offset() + (b / blockCols) * B * dst.stride() + (b % blockCols) * B;
            for (int v = 0; v < B; v++) {
                int row = at + v * dst.stride();
                for (int u = 0; u < B; u++) {
                    int k = v * B + u;
                    d[row + u] = block[k] * (unscaleK[k] * scale);
                }
            }
            d[at] = (float) (s.sums[b] / B);
        }
        return null;
    }

    /**
     * The host's side of the int8 DCT for one block at {@code a[at]} (row stride {@code stride}): writes
     * {@code (x - mean) / s} row-major to {@code dst[dstOff, dstOff + 64)}, {@code s} the largest
     * magnitude after subtracting the mean, so every value lies in {@link Dct8x8Model#INPUT_RANGE}; stores
     * the exact sum of the block (8 times its DC coefficient) at {@code sums[i]}; returns {@code s} (0 for
     * a constant block, which then goes in as zeros). Public so calibration sees exactly what the model
     * will.
     */
    public static float normalize(float[] a, int at, int stride, float[] dst, int dstOff, double[] sums, int i) {
        double sum = 0;
        for (int y = 0; y < B; y++) {
            for (int x = 0; x < B; x++) {
                sum += a[at + y * stride + x];
            }
        }
        float mean = (float) (sum / CELLS);
        float max = 0f;
        for (int y = 0; y < B; y++) {
            for (int x = 0; x < B; x++) {
                max = Math.max(max, Math.abs(a[at + y * stride + x] - mean));
            }
        }
        float inv = max > 0 ? 1f / max : 0f;
        boolean divide = inv == Float.POSITIVE_INFINITY; // a subnormal spread: divide instead
        for (int y = 0; y < B; y++) {
            for (int x = 0; x < B; x++) {
                float d = a[at + y * stride + x] - mean;
                dst[dstOff + y * B + x] = divide ? d / max : d * inv;
            }
        }
        sums[i] = sum;
        return max;
    }
}
