package dev.shmt.runtime.qaws;

/**
 * Algorithm 3: N samples {@code D[off + i * s]} over the tile's cells in row-major order, with
 * {@code s = cells / N}, so the samples reach from the first rows to the last. Two changes to the
 * paper's loop: the run is centred ({@code off} splits the leftover cells between both ends), and
 * {@code s} is lowered to the nearest step that shares no factor with the row width. Without that, a
 * step that is a multiple of the width (a 256 x 256 tile and 32 samples gives 2048 = 8 rows) lands every
 * sample in the same column, and variation across columns would go unseen.
 */
public final class StridingSampler implements Sampler {
    @Override
    public char code() {
        return 's';
    }

    @Override
    public void sample(float[] data, int offset, int rows, int cols, int stride, int samples, long seed, TileStats out) {
        long cells = (long) rows * cols;
        int n = (int) Math.max(1, Math.min(samples, cells));
        long step = cells / n;
        if (rows > 1) {
            while (step > 1 && gcd(step, cols) != 1) {
                step--;
            }
        }
        long first = (cells - 1 - (n - 1) * step) / 2;
        for (int i = 0; i < n; i++) {
            long cell = first + i * step;
            int r = (int) (cell / cols);
            int c = (int) (cell - (long) r * cols);
            out.add(data[offset + r * stride + c]);
        }
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
