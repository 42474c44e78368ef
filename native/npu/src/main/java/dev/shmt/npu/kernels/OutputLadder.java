package dev.shmt.npu.kernels;

import dev.shmt.api.FloatMatrix;
import dev.shmt.npu.quant.ValueRange;
import java.util.Arrays;

/**
 * The ladder of output scales a stencil's static models come in, and the choice of a step for one HLOP.
 * Step 0 covers everything the HLOP's scaled input can reach (the worst case); step k covers 2^(-k/2) of
 * it, so its int8 step is that much finer. A photograph's tiles span nearly the whole input range, yet their
 * gradients are mostly small: at the worst-case scale every tile gets the same coarse output step, and
 * the error is the same everywhere. The ladder gives each HLOP the finest step that still holds its
 * outputs, as a sparse pass over the tile estimates them.
 *
 * <p>A {@link Look} is one such pass: the stencil's outputs at every {@code stride}-th row and column,
 * in the data's own units, and the range of the inputs it read. Looks are per thread and reused.
 */
final class OutputLadder {
    /**
     * Steps 0 (the worst case) to 7 (2^-3.5 of it), each sqrt(2) finer than the one before: with steps of 2,
     * a tile whose outputs use 60% of the reach would get no finer step at all, and a photograph's tiles
     * mostly do.
     */
    static final int STEPS = 8;
    /** Resolution of the share of the reach an output uses, for its percentile. */
    private static final int BINS = 1024;
    /** Rows and columns between the positions a run-time look computes: one in 64 outputs. */
    static final int RUN_STRIDE = 8;
    private static final ThreadLocal<Look> LOOKS = ThreadLocal.withInitial(Look::new);

    private OutputLadder() {}

    /** This thread's look at {@code tile} (with its halo), every {@code stride}-th row and column. */
    static Look look(StencilModel m, FloatMatrix tile, int stride) {
        Look l = LOOKS.get();
        l.take(m, tile, stride);
        return l;
    }

    /** The output range of ladder step {@code step}: the worst case's, scaled by 2^(-step/2). */
    static ValueRange range(ValueRange worst, int step) {
        float f = (float) fraction(step);
        return new ValueRange(worst.min() * f, worst.max() * f);
    }

    /** The share of the worst case's reach ladder step {@code step} covers. */
    static double fraction(int step) {
        return Math.pow(2, -0.5 * step);
    }

    /** One sparse pass over a tile. */
    static final class Look {
        private float[] outputs = new float[0];
        private final int[] histogram = new int[BINS + 1];
        private float[] window = new float[0];
        /** Outputs taken, all sets together. */
        int count;
        float lo;
        float hi;
        boolean nonFinite;
        private StencilModel model;

        void take(StencilModel m, FloatMatrix tile, int stride) {
            model = m;
            int k = m.size();
            int h = m.halo();
            int sets = m.sets();
            int rows = tile.rows();
            int cols = tile.cols();
            int per = ((rows + stride - 1) / stride) * ((cols + stride - 1) / stride) * sets;
            if (outputs.length < per) {
                outputs = new float[per];
            }
            if (window.length < k * k) {
                window = new float[k * k];
            }
            count = 0;
            lo = Float.POSITIVE_INFINITY;
            hi = Float.NEGATIVE_INFINITY;
            nonFinite = false;
            float[] w = window;
            float[] a = tile.array();
            int off = tile.offset();
            int st = tile.stride();
            for (int r = stride / 2; r < rows; r += stride) {
                int gr = tile.originRow() + r;
                boolean rowsInside = gr - h >= 0 && gr + h < tile.wholeRows();
                for (int c = stride / 2; c < cols; c += stride) {
                    int gc = tile.originCol() + c;
                    // Inside the whole matrix the window is read from the array; at its border through get,
                    // which applies the border rule.
                    boolean inside = rowsInside && gc - h >= 0 && gc + h < tile.wholeCols();
                    for (int dr = 0; dr < k; dr++) {
                        int at = off + (r + dr - h) * st + c - h;
                        for (int dc = 0; dc < k; dc++) {
                            float v = inside ? a[at + dc] : tile.get(r + dr - h, c + dc - h);
                            w[dr * k + dc] = v;
                            if (!Float.isFinite(v)) {
                                nonFinite = true;
                            } else {
                                lo = Math.min(lo, v);
                                hi = Math.max(hi, v);
                            }
                        }
                    }
                    for (int g = 0; g < sets; g++) {
                        float[] wg = m.weightsOf(g);
                        float y = 0;
                        for (int i = 0; i < wg.length; i++) {
                            y += wg[i] * w[i];
                        }
                        outputs[count++] = y;
                    }
                }
            }
        }

        /** The range of the inputs read, or null when none was finite. */
        ValueRange inputs() {
            return lo <= hi ? new ValueRange(lo, hi) : null;
        }

        /**
         * The finest ladder step whose range holds {@code percentile} of the outputs once {@code map} put
         * the inputs on the model's range.
         */
        int step(HostScaling map, double percentile) {
            if (count == 0) {
                return 0;
            }
            ValueRange worst = model.outputRange();
            Arrays.fill(histogram, 0);
            int sets = model.sets();
            for (int i = 0; i < count; i++) {
                histogram[bin(share(outputs[i], i % sets, map, worst))]++;
            }
            long need = (long) Math.ceil(percentile * count);
            long seen = 0;
            int b = 0;
            for (; b <= BINS; b++) {
                seen += histogram[b];
                if (seen >= need) {
                    break;
                }
            }
            double used = (double) (b + 1) / BINS;
            int step = 0;
            while (step + 1 < STEPS && used <= fraction(step + 1)) {
                step++;
            }
            return step;
        }

        /**
         * The int8 error expected at ladder step {@code step}, summed over {@code cells} outputs per set, in
         * the data's units: a quarter of an output step (the mean of uniform rounding) and the input's
         * rounding carried through the weights, on the outputs that do not saturate. Those that do are
         * recomputed on the host ({@link Clip}) and cost nothing.
         */
        double expectedError(HostScaling map, int step, long cells) {
            ValueRange at = range(model.outputRange(), step);
            double inverse = 1.0 / map.scale();
            double outStep = at.width() / 255.0 * inverse;
            double inStep = model.inputRange().withZero().width() / 255.0 * inverse;
            int sets = model.sets();
            double perCell = 0;
            for (int g = 0; g < sets; g++) {
                double norm = 0;
                for (float wi : model.weightsOf(g)) {
                    norm += (double) wi * wi;
                }
                // The input's rounding summed through the weights is about normal: E|.| = sqrt(2 / pi) sigma,
                // sigma = step |w| / sqrt(12).
                perCell += outStep / 4 + 0.23 * inStep * Math.sqrt(norm);
            }
            int clipped = 0;
            for (int i = 0; i < count; i++) {
                double y = map.scale() * (outputs[i] - map.offset() * model.weightSum(i % sets));
                if (y > at.max() || y < at.min()) {
                    clipped++;
                }
            }
            double kept = count == 0 ? 1 : 1 - (double) clipped / count;
            return cells * perCell * kept;
        }

        /** What share of the worst case's reach an output uses, on the side its sign points to. */
        private double share(float y, int set, HostScaling map, ValueRange worst) {
            double v = map.scale() * (y - map.offset() * model.weightSum(set));
            if (v >= 0) {
                return worst.max() > 0 ? v / worst.max() : v > 0 ? 2 : 0;
            }
            return worst.min() < 0 ? v / worst.min() : 2;
        }

        private static int bin(double share) {
            return share >= 1 ? BINS : (int) (share * BINS);
        }
    }
}
