package dev.shmt.runtime.qaws;

/** Where a {@link Sampler} puts the cells it reads: running statistics, or a buffer a metric reads. */
public interface SampleSink {
    void add(float v);
}
