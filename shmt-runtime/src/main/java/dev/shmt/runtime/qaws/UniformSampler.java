package dev.shmt.runtime.qaws;

/**
 * Algorithm 4: N cells drawn uniformly at random (with replacement) from the whole tile. The draws come
 * from SplitMix64 started at {@code seed}, so the same seed gives the same cells; the policy derives
 * the seed from its setting and the HLOP's index, which keeps a tile's samples independent of which
 * thread or order sampled it. No generator object is made per tile.
 */
public final class UniformSampler implements Sampler {
    @Override
    public char code() {
        return 'u';
    }

    @Override
    public void sample(float[] data, int offset, int rows, int cols, int stride, int samples, long seed, SampleSink out) {
        long cells = (long) rows * cols;
        int n = (int) Math.max(1, Math.min(samples, cells));
        long state = seed;
        for (int i = 0; i < n; i++) {
            state += 0x9E3779B97F4A7C15L;
            long cell = Math.floorMod(mix(state), cells);
            int r = (int) (cell / cols);
            int c = (int) (cell - (long) r * cols);
            out.add(data[offset + r * stride + c]);
        }
    }

    /** SplitMix64's output function. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
