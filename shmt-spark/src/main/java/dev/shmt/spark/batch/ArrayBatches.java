package dev.shmt.spark.batch;

import dev.shmt.api.FloatArray;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.spark.ArrayVop;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.ObjIntConsumer;

/**
 * A partition's arrays through one element-wise VOP, in order: consecutive arrays are laid end to end
 * until the next would pass {@code batchCells}, and each run of them is one call. Element-wise VOPs read
 * no neighbours, so the results are those of each array alone.
 */
public final class ArrayBatches extends BatchIterator<float[]> {
    private final Iterator<float[]> in;
    private final Shmt shmt;
    private final ArrayVop vop;
    private final long batchCells;
    /** Hears of every call: its report and how many arrays it held. */
    private final ObjIntConsumer<Report> onCall;
    private float[] pending;

    public ArrayBatches(Iterator<float[]> in, Shmt shmt, ArrayVop vop, long batchCells, ObjIntConsumer<Report> onCall) {
        this.in = in;
        this.shmt = shmt;
        this.vop = vop;
        this.batchCells = batchCells;
        this.onCall = onCall;
    }

    @Override
    void runNext() {
        List<float[]> batch = new ArrayList<>();
        long cells = 0;
        while (pending != null || in.hasNext()) {
            float[] a = pending != null ? pending : in.next();
            pending = null;
            if (a.length == 0) {
                throw new IllegalArgumentException("arrays: an element is empty; a VOP needs at least one value");
            }
            if (!batch.isEmpty() && cells + a.length > batchCells) {
                pending = a;
                break;
            }
            batch.add(a);
            cells += a.length;
        }
        if (batch.isEmpty()) {
            return;
        }
        Buffers buffers = Buffers.mine();
        float[] src = buffers.in(cells);
        float[] dst = buffers.out(cells);
        int at = 0;
        for (float[] a : batch) {
            System.arraycopy(a, 0, src, at, a.length);
            at += a.length;
        }
        int n = Math.toIntExact(cells);
        Report report = vop.apply(shmt, FloatArray.wrap(src, 0, n), FloatArray.wrap(dst, 0, n));
        at = 0;
        for (float[] a : batch) {
            float[] out = new float[a.length];
            System.arraycopy(dst, at, out, 0, a.length);
            at += a.length;
            ready(out);
        }
        onCall.accept(report, batch.size());
    }
}
