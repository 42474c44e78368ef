package dev.shmt.spark.batch;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A partition's results, a batch at a time: lazy, as Spark's iterators are, so a batch is read and run
 * only when its first result is asked for.
 */
abstract class BatchIterator<T> implements Iterator<T> {
    private final ArrayDeque<T> ready = new ArrayDeque<>();

    /** Reads the next batch, runs it and hands its results to {@link #ready}; leaves none at the end. */
    abstract void runNext();

    /** Results of the batch just run, in order. */
    final void ready(T result) {
        ready.add(result);
    }

    @Override
    public final boolean hasNext() {
        if (ready.isEmpty()) {
            runNext();
        }
        return !ready.isEmpty();
    }

    @Override
    public final T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }
}
