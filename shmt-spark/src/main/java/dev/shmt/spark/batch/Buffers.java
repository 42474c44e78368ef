package dev.shmt.spark.batch;

/**
 * A task thread's stacking buffers, grown to the largest batch seen and reused for every later batch:
 * results are copied out of them before the next batch is stacked, so no batch allocates its large
 * input and output matrices anew.
 */
final class Buffers {
    private static final ThreadLocal<Buffers> MINE = ThreadLocal.withInitial(Buffers::new);

    private float[] in = new float[0];
    private float[] out = new float[0];

    static Buffers mine() {
        return MINE.get();
    }

    float[] in(long cells) {
        if (in.length < cells) {
            in = new float[Math.toIntExact(cells)];
        }
        return in;
    }

    float[] out(long cells) {
        if (out.length < cells) {
            out = new float[Math.toIntExact(cells)];
        }
        return out;
    }
}
