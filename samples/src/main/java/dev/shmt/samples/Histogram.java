package dev.shmt.samples;

import dev.shmt.api.FloatArray;
import dev.shmt.api.In;
import dev.shmt.api.NpuModel;
import dev.shmt.api.Partition;
import dev.shmt.api.Vop;

/**
 * The 256-bin histogram of an image's pixels, as OpenCV's {@code calcHist} with 256 bins over the range
 * [0, 256) computes it (the paper's baseline, OpenCV 4.5.5): a pixel of value {@code v} counts in bin
 * {@code (int) v}, the bins being [0, 1), [1, 2), ... [255, 256).
 *
 * <p><b>Out of range.</b> Values below 0, at or above 256, infinities and NaN are in no bin: they are
 * dropped, as {@code calcHist} with the range [0, 256) drops them, so the bins may sum to less than the
 * pixel count. (-0.0 counts in bin 0.)
 *
 * <p><b>Devices.</b> A REDUCE over the pixels as one {@link FloatArray}: each HLOP counts its chunk into
 * a partial {@code long[256]}, {@link #add} sums them. Counting is exact, so any chunking gives the same
 * bins as the whole call and as {@link #reference}.
 * <ul>
 *   <li>CPU: {@link #hist256}, four sub-histograms so that runs of equal pixels (flat image regions) do not
 *       wait on the previous increment of the same bin.
 *   <li>GPU: none attached. The kernel exists ({@code native/cuda/histogram.cu}: {@code histogram256},
 *       shared-memory sub-histograms and global atomics, checked on the host by {@code host_check.cpp}),
 *       but the GPU device runs no REDUCE call: its calling convention has no device buffer for an HLOP's
 *       partial result, and it says so for this call.
 *   <li>NPU: impossible in int8, see {@link HistogramNpu#REASON}; the NPU device declines the call with
 *       that reason, which reports and {@code ./shmt bench} show.
 * </ul>
 */
public final class Histogram {
    /** Bins: one per 8-bit grey level. */
    public static final int BINS = 256;

    /** Interleaved sub-histograms of the CPU body (a power of two). */
    private static final int WAYS = 4;

    /** Sub-histogram stride: {@link #BINS} plus one bin that catches the out-of-range values. */
    private static final int STRIDE = BINS + 1;

    private Histogram() {}

    /**
     * The counts of {@code pixels}' values in the 256 bins [k, k + 1), k = 0 ... 255; values outside
     * [0, 256) and NaN are not counted. Returns a new array.
     */
    @Vop(partition = Partition.REDUCE, combiner = "add")
    @NpuModel(HistogramNpu.class)
    public static long[] hist256(@In FloatArray pixels) {
        float[] a = pixels.array();
        int from = pixels.offset();
        int n = pixels.length();
        // WAYS interleaved sub-histograms: consecutive pixels of one value (a flat region) increment
        // different counters, so each increment need not wait for the store of the one before. One extra
        // bin per sub-histogram takes the values outside [0, 256), so the loop has no branch.
        int[] sub = new int[WAYS * STRIDE];
        int i = 0;
        for (; i + WAYS <= n; i += WAYS) {
            int at = from + i;
            sub[bin(a[at])]++;
            sub[STRIDE + bin(a[at + 1])]++;
            sub[2 * STRIDE + bin(a[at + 2])]++;
            sub[3 * STRIDE + bin(a[at + 3])]++;
        }
        for (; i < n; i++) {
            sub[bin(a[from + i])]++;
        }
        long[] bins = new long[BINS];
        for (int k = 0; k < BINS; k++) {
            bins[k] = (long) sub[k] + sub[STRIDE + k] + sub[2 * STRIDE + k] + sub[3 * STRIDE + k];
        }
        return bins;
    }

    /** {@code (int) v} for v in [0, 256); {@link #BINS} (the discard bin) otherwise, NaN included. */
    private static int bin(float v) {
        // NaN fails both comparisons; (int) of a value in [0, 256) is its bin, -0.0 giving 0.
        return v >= 0f && v < 256f ? (int) v : BINS;
    }

    /**
     * The REDUCE combiner: bin by bin sums, in a new array. Associative (and commutative), exact in
     * {@code long}. It does not reuse its first argument: the runtime's trial runs (the oracle policy) hand
     * out HLOPs' partials that may be read again after a combine, so no partial is ever written.
     */
    static long[] add(long[] a, long[] b) {
        long[] sum = new long[BINS];
        for (int k = 0; k < BINS; k++) {
            sum[k] = a[k] + b[k];
        }
        return sum;
    }

    /** The plain count: one pixel at a time, the definition above written out, for tests and the bench. */
    public static long[] reference(float[] pixels, int offset, int length) {
        long[] bins = new long[BINS];
        for (int i = offset; i < offset + length; i++) {
            float v = pixels[i];
            if (v >= 0f && v < 256f) {
                bins[(int) Math.floor(v)]++;
            }
        }
        return bins;
    }
}
