package dev.shmt.spark.report;

import dev.shmt.api.DeviceInfo;
import dev.shmt.api.Report;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/** One executor's share of a job: its runtime, its devices' work, and what went wrong there. */
public final class ExecutorTally implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Runtimes the executor's JVM had built by its last call seen: 1 unless a runtime was closed. */
    int runtimes;
    long calls;
    long elements;
    long wallNanos;
    long steals;
    /** HLOPs that failed on some device and ran again elsewhere. */
    long retriedHlops;
    final Map<String, DeviceTally> devices = new TreeMap<>();
    /** Devices that could not take part, with the cause. */
    final Map<String, String> unavailable = new TreeMap<>();
    /** Devices taken out of service during the job, with the cause. */
    final Map<String, String> quarantined = new TreeMap<>();

    void add(Report r, int elements, int runtimesBuilt) {
        runtimes = Math.max(runtimes, runtimesBuilt);
        calls++;
        this.elements += elements;
        wallNanos += r.wallNanos();
        steals += r.steals();
        for (Report.HlopRecord h : r.hlops()) {
            retriedHlops += h.failures().isEmpty() ? 0 : 1;
        }
        for (Report.DeviceSummary d : r.devices()) {
            DeviceTally t = devices.computeIfAbsent(d.device(), k -> new DeviceTally());
            t.hlops += d.hlops();
            t.stolen += d.stolen();
            t.busyNanos += d.busyNanos();
        }
        for (DeviceInfo d : r.quarantined()) {
            quarantined.putIfAbsent(d.name(), d.cause());
        }
        for (DeviceInfo d : r.unavailable()) {
            unavailable.putIfAbsent(d.name(), d.cause());
        }
        unavailable.keySet().removeAll(quarantined.keySet()); // a quarantined device is listed once, as such
    }

    void add(ExecutorTally o) {
        runtimes = Math.max(runtimes, o.runtimes);
        calls += o.calls;
        elements += o.elements;
        wallNanos += o.wallNanos;
        steals += o.steals;
        retriedHlops += o.retriedHlops;
        o.devices.forEach((k, v) -> devices.computeIfAbsent(k, x -> new DeviceTally()).add(v));
        quarantined.putAll(o.quarantined);
        o.unavailable.forEach(unavailable::putIfAbsent);
        unavailable.keySet().removeAll(quarantined.keySet());
    }

    public int runtimes() {
        return runtimes;
    }

    public long calls() {
        return calls;
    }

    public long elements() {
        return elements;
    }

    public long steals() {
        return steals;
    }

    public long retriedHlops() {
        return retriedHlops;
    }

    public long hlops() {
        long n = 0;
        for (DeviceTally d : devices.values()) {
            n += d.hlops;
        }
        return n;
    }

    public Map<String, DeviceTally> devices() {
        return devices;
    }

    public Map<String, String> unavailable() {
        return unavailable;
    }

    public Map<String, String> quarantined() {
        return quarantined;
    }
}
