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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The NPU kernel of a ROWS VOP {@code (re, im) -> (outRe, outIm)} computing the forward DFT of each row
 * ({@link DftModel}). int8 needs inputs in a fixed range, so the host makes each row fit, exactly,
 * because the transform is linear: it subtracts the row's mean from re and im (which only changes bin
 * 0, by n times the mean) and divides by the largest remaining magnitude {@code s}; the model's
 * outputs are multiplied by {@code s} (and each bin's {@link DftModel#unscale}), and bin 0 is set to
 * the row's exact sum. Both steps spend the int8 steps on what varies within a row: an image row's
 * mean would otherwise take most of the input range. (A numpy simulation of this int8 arithmetic,
 * which reproduces TFLite's error_rate to three digits, gives 0.064 for the 512 x 512 2-D FFT with the
 * means subtracted and 0.109 without.)
 *
 * <p>Extend it with a no-argument constructor that says which outputs to cover ({@link #binRanges}),
 * calibrated on representative data, to name it in {@code @NpuModel}. Scratch buffers belong to the
 * worker thread and are reused; models are built once per row length and block height.
 */
public abstract class DftKernel implements NpuKernel {
    private final String keyPrefix = getClass().getName() + "@";
    private final ConcurrentHashMap<Integer, DftModel> models = new ConcurrentHashMap<>();
    /** Per n: each bin's {@link DftModel#unscale}, read in order by every HLOP. */
    private final ConcurrentHashMap<Integer, float[]> unscales = new ConcurrentHashMap<>();
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    /** Per worker: the scaled input block, one output row, and each row's sums and scale. */
    private static final class Scratch {
        float[] in = new float[0];
        float[] row = new float[0];
        double[] stats = new double[0];
    }

    /**
     * For each bin k of rows of {@code n} values after {@link #normalize}, the largest |Re X[k]| or
     * |Im X[k]| the model must represent: for example what representative rows reach. Called once per
     * {@code n}.
     */
    protected abstract float[] binRanges(int n);

    /** A row's int8 error grows with its spread, which the host scales onto the model's input. */
    @Override
    public CriticalityMetric criticality() {
        return CriticalityMetric.RANGE;
    }

    /** The model for rows of {@code n} values, calibrated once. */
    public DftModel model(int n) {
        return models.computeIfAbsent(n, k -> new DftModel(k, binRanges(k)));
    }

    private float[] unscale(int n) {
        return unscales.computeIfAbsent(n, k -> {
            DftModel m = model(k);
            float[] u = new float[k];
            for (int i = 0; i < k; i++) {
                u[i] = m.unscale(i);
            }
            return u;
        });
    }

    @Override
    public Object run(NpuContext npu, VopCall call, Region region) {
        List<FloatMatrix> in = new ArrayList<>(2);
        List<FloatMatrix> out = new ArrayList<>(2);
        for (VopCall.Arg a : call.args()) {
            if (a.value() instanceof FloatMatrix m) {
                (a.role() == VopCall.Role.IN ? in : out).add(m);
            }
        }
        if (in.size() != 2 || out.size() != 2) {
            throw new IllegalStateException(call.name() + ": an NPU DFT needs @In re, im and @Out outRe, outIm"
                    + " FloatMatrix parameters, got " + in.size() + " in and " + out.size() + " out");
        }
        int n = region.cols();
        int rows = region.rows();
        for (List<FloatMatrix> group : List.of(in, out)) {
            for (FloatMatrix m : group) {
                if (m.cols() != n) {
                    throw new IllegalArgumentException(call.name() + ": the NPU DFT needs re, im, outRe and outIm"
                            + " of " + n + " columns each, got one of " + m.cols());
                }
            }
        }
        FloatMatrix re = in.get(0).region(region);
        FloatMatrix im = in.get(1).region(region);
        FloatMatrix outRe = out.get(0).region(region);
        FloatMatrix outIm = out.get(1).region(region);
        NpuInterpreter it = npu.interpreter(keyPrefix + n + "x" + rows, () -> model(n).build(rows));
        Scratch s = scratch.get();
        int width = 2 * n;
        if (s.in.length < rows * width) {
            s.in = new float[rows * width];
        }
        if (s.row.length < width) {
            s.row = new float[width];
        }
        if (s.stats.length < 3 * rows) {
            s.stats = new double[3 * rows];
        }
        for (int r = 0; r < rows; r++) {
            s.stats[3 * r + 2] = normalize(re.array(), re.offset() + r * re.stride(), im.array(),
                    im.offset() + r * im.stride(), n, s.in, r * width, s.stats, 3 * r);
        }
        it.input(0).write(FloatArray.wrap(s.in, 0, rows * width));
        it.invoke();
        if (!npu.claimOutput()) {
            return null;
        }
        NpuTensor y = it.output(0);
        float[] row = s.row;
        float[] unscale = unscale(n);
        float[] yr = outRe.array();
        float[] yi = outIm.array();
        for (int r = 0; r < rows; r++) {
            y.read(r * width, row, 0, width);
            float scale = (float) s.stats[3 * r + 2];
            int pr = outRe.offset() + r * outRe.stride();
            int pi = outIm.offset() + r * outIm.stride();
            for (int k = 0; k < n; k++) {
                float u = unscale[k] * scale;
                yr[pr + k] = row[k] * u;
                yi[pi + k] = row[n + k] * u;
            }
            yr[pr] = (float) s.stats[3 * r];
            yi[pi] = (float) s.stats[3 * r + 1];
        }
        return null;
    }

    /**
     * The host's side of the int8 DFT for one row: writes {@code (re - mean(re) | im - mean(im)) / s}
     * to {@code dst[dstOff, dstOff + 2n)}, {@code s} the largest magnitude after subtracting the means,
     * so every value lies in {@link DftModel#INPUT_RANGE}; stores the exact sums of re and im (bin 0 of
     * the transform) at {@code sums[at]} and {@code sums[at + 1]}; returns {@code s} (0 for a constant
     * row, which then goes in as zeros). Public so calibration sees exactly what the model will.
     */
    public static float normalize(float[] re, int reOff, float[] im, int imOff, int n, float[] dst, int dstOff,
            double[] sums, int at) {
        double sr = 0;
        double si = 0;
        for (int j = 0; j < n; j++) {
            sr += re[reOff + j];
            si += im[imOff + j];
        }
        float mr = (float) (sr / n);
        float mi = (float) (si / n);
        float max = 0f;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, Math.max(Math.abs(re[reOff + j] - mr), Math.abs(im[imOff + j] - mi)));
        }
        float inv = max > 0 ? 1f / max : 0f;
        for (int j = 0; j < n; j++) {
            dst[dstOff + j] = (re[reOff + j] - mr) * inv;
            dst[dstOff + n + j] = (im[imOff + j] - mi) * inv;
        }
        sums[at] = sr;
        sums[at + 1] = si;
        return max;
    }
}
