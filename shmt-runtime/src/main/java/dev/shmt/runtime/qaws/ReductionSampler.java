package dev.shmt.runtime.qaws;

/**
 * Algorithm 5: a grid with the same step {@code s} in every dimension of the tile (rows and columns;
 * the one dimension of a chunk). {@code s} is the largest step whose grid still holds at least the
 * requested number of samples, and the grid is centred in each dimension so the last rows and columns
 * are as close to a sample as the first.
 */
public final class ReductionSampler implements Sampler {
    @Override
    public char code() {
        return 'r';
    }

    @Override
    public void sample(float[] data, int offset, int rows, int cols, int stride, int samples, long seed, SampleSink out) {
        int s = step(rows, cols, samples);
        int r0 = ((rows - 1) % s) / 2;
        int c0 = ((cols - 1) % s) / 2;
        for (int r = r0; r < rows; r += s) {
            int rowStart = offset + r * stride;
            for (int c = c0; c < cols; c += s) {
                out.add(data[rowStart + c]);
            }
        }
    }

    /** The largest step whose grid over {@code rows x cols} has at least {@code samples} points (>= 1). */
    static int step(int rows, int cols, int samples) {
        int lo = 1; // count(1) = every cell, always enough or all there is
        int hi = Math.max(rows, cols);
        while (lo < hi) {
            int mid = lo + (hi - lo + 1) / 2;
            if (points(rows, cols, mid) >= samples) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    static long points(int rows, int cols, int step) {
        return ((rows + (long) step - 1) / step) * ((cols + (long) step - 1) / step);
    }
}
