package dev.shmt.runtime.qaws;

/**
 * Algorithm 3, striding, over the whole tile. On a 1-D chunk it is the paper's loop: N samples a step
 * of {@code cells / N} apart, the run centred so the leftover splits between both ends. On a 2-D tile
 * the step has a row part and a column part: sample i lies {@code (i + 1/2) rows / N} rows down, an
 * even stride from the first rows to the last, and at column {@code frac(1/2 + i / phi) x cols}, the
 * golden-ratio stride across the width. A whole-cell step of {@code cells / N} would not do: when it is
 * a multiple of the width (a 256 x 256 tile and 32 samples gives 2048 = 8 rows) every sample lands in
 * one column, and nudging it off the multiple only makes the samples drift one column each, leaving most
 * of the width unseen. The golden-ratio stride spreads any run of samples evenly over the columns.
 */
public final class StridingSampler implements Sampler {
    private static final double INVERSE_PHI = 0.6180339887498949;

    @Override
    public char code() {
        return 's';
    }

    @Override
    public void sample(float[] data, int offset, int rows, int cols, int stride, int samples, long seed, SampleSink out) {
        long cells = (long) rows * cols;
        int n = (int) Math.max(1, Math.min(samples, cells));
        if (rows == 1 || n == cells) {
            long step = cells / n;
            long first = (cells - 1 - (n - 1) * step) / 2;
            for (int i = 0; i < n; i++) {
                long cell = first + i * step;
                int r = (int) (cell / cols);
                out.add(data[offset + r * stride + (int) (cell - (long) r * cols)]);
            }
            return;
        }
        double rowStep = (double) rows / n;
        for (int i = 0; i < n; i++) {
            int r = (int) ((i + 0.5) * rowStep);
            double f = 0.5 + i * INVERSE_PHI;
            int c = (int) ((f - Math.floor(f)) * cols);
            out.add(data[offset + r * stride + c]);
        }
    }
}
