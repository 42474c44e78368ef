package dev.shmt.spark.batch;

import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.spark.FloatImage;
import dev.shmt.spark.MatrixVop;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A partition's images through one VOP, in order: consecutive images of one width are stacked
 * ({@link Stack}) until the next would take the stack past {@code batchCells}, and each stack is one call.
 * Lazy, as Spark's iterators are: a batch is read and run only when its first result is asked for.
 */
public final class MatrixBatches extends BatchIterator<FloatImage> {
    private final Iterator<FloatImage> in;
    private final Shmt shmt;
    private final MatrixVop vop;
    private final VopShape shape;
    private final long batchCells;
    /** Hears of every call: its images (inputs and outputs, in order) and its report. */
    private final BiConsumer<Batch, Report> onCall;
    private FloatImage pending;

    /** One call's images and results. */
    public record Batch(List<FloatImage> inputs, List<FloatImage> outputs) {}

    public MatrixBatches(Iterator<FloatImage> in, Shmt shmt, MatrixVop vop, VopShape shape, long batchCells,
                         BiConsumer<Batch, Report> onCall) {
        this.in = in;
        this.shmt = shmt;
        this.vop = vop;
        this.shape = shape;
        this.batchCells = batchCells;
        this.onCall = onCall;
    }

    @Override
    void runNext() {
        List<FloatImage> batch = new ArrayList<>();
        long rows = 0;
        while (pending != null || in.hasNext()) {
            FloatImage im = pending != null ? pending : in.next();
            pending = null;
            long with = Stack.rowsWith(rows, im.rows(), shape.halo());
            if (!batch.isEmpty() && (im.cols() != batch.get(0).cols() || with * im.cols() > batchCells)) {
                pending = im;
                break;
            }
            batch.add(im);
            rows = with;
        }
        if (batch.isEmpty()) {
            return;
        }
        Stack stack = Stack.layout(batch, shape.halo());
        Buffers buffers = Buffers.mine();
        float[] src = buffers.in(stack.cells());
        float[] dst = buffers.out(stack.cells());
        stack.fill(batch, shape.border(), src);
        Report report = vop.apply(shmt, stack.matrix(src), stack.matrix(dst));
        List<FloatImage> outputs = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            outputs.add(stack.extract(batch, i, dst));
        }
        onCall.accept(new Batch(batch, outputs), report);
        outputs.forEach(this::ready);
    }
}
