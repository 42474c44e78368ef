package dev.shmt.spark.report;

import java.io.Serializable;

/** One device's work on one executor, summed over calls. */
public final class DeviceTally implements Serializable {
    private static final long serialVersionUID = 1L;

    long hlops;
    long stolen;
    long busyNanos;

    public long hlops() {
        return hlops;
    }

    public long stolen() {
        return stolen;
    }

    public long busyNanos() {
        return busyNanos;
    }

    void add(DeviceTally o) {
        hlops += o.hlops;
        stolen += o.stolen;
        busyNanos += o.busyNanos;
    }
}
