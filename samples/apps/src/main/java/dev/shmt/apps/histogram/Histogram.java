package dev.shmt.apps.histogram;

import dev.shmt.api.DeviceKind;
import dev.shmt.api.EmulationCost;
import dev.shmt.api.FloatArray;
import dev.shmt.api.GpuKernel;
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
 *   <li>CPU: {@link #hist256}, one histogram with a discard counter (no branch); sub-histograms measured
 *       slower here.
 *   <li>GPU: {@code histogram256} ({@code native/gpu/cuda/histogram.cu}: per-warp sub-histograms in shared
 *       memory, then one global atomic add per non-empty bin; checked on the host by {@code host_check.cpp}).
 *       It gets the HLOP's pixels and the HLOP's partial result, 256 {@code unsigned int} counters the GPU
 *       device zeroes before the launch and returns as this {@code long[]}. A counter cannot overflow: it
 *       counts one HLOP's pixels, at most 2^31 - 1 (a Java array's length), below 2^32.
 *   <li>NPU: impossible in int8, see {@link HistogramNpu#REASON}; the NPU device declines the call with
 *       that reason, which reports and {@code ./shmt bench} show.
 * </ul>
 */
public final class Histogram {
    /** Bins: one per 8-bit grey level. */
    public static final int BINS = 256;

    /** Counters of the CPU body: {@link #BINS} plus one that catches the values outside [0, 256). */
    private static final int COUNTERS = BINS + 1;

    private Histogram() {}

    /**
     * The counts of {@code pixels}' values in the 256 bins [k, k + 1), k = 0 ... 255; values outside
     * [0, 256) and NaN are not counted. Returns a new array.
     */
    // Emulation costs: per pixel two range tests, a conversion and an increment, reading it once (the 256 counters
    // per HLOP are negligible). HistogramNpu declines every call (int8 cannot count exactly), so the NPU's cost is
    // never used: it is that of one int8 pass over the pixels
    @EmulationCost(kind = DeviceKind.CPU, opsPerCell = 4, bytesPerCell = 4)
    @EmulationCost(kind = DeviceKind.GPU, opsPerCell = 4, bytesPerCell = 4)
    @EmulationCost(kind = DeviceKind.NPU, opsPerCell = 4, bytesPerCell = 1)
    @Vop(partition = Partition.REDUCE, combiner = "add")
    @GpuKernel(ptx = "/dev/shmt/apps/histogram/histogram.ptx", function = "histogram256", partialLength = BINS,
            partialType = GpuKernel.PartialType.UINT32)
    @NpuModel(HistogramNpu.class)
    public static long[] hist256(@In FloatArray pixels) {
        float[] a = pixels.array();
        int from = pixels.offset();
        int to = from + pixels.length();
        // One histogram with a discard counter, so the loop has no branch. Interleaved sub-histograms (to
        // break the store-to-load chain of runs of one value) measured slower with the JDK 17 C2
        // (docs/measurements.md).
        int[] counts = new int[COUNTERS];
        for (int i = from; i < to; i++) {
            counts[bin(a[i])]++;
        }
        long[] bins = new long[BINS];
        for (int k = 0; k < BINS; k++) {
            bins[k] = counts[k];
        }
        return bins;
    }

    /** {@code (int) v} for v in [0, 256); {@link #BINS} (the discard counter) otherwise, NaN included. */
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
