package dev.shmt.spark.report;

import dev.shmt.api.Report;
import dev.shmt.runtime.trace.JsonWriter;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a Spark job's VOP calls did, over every executor: elements and calls, HLOPs and busy time per
 * device and executor, steals, retried HLOPs, devices unavailable or quarantined on each executor with
 * the cause, quality where a reference was given, and task attempts Spark had to retry. Parts from
 * tasks merge into one ({@link JobReportAccumulator}); a failed task attempt's part is dropped by Spark,
 * so the counts are those of the attempts that succeeded.
 */
public final class JobReport implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Failure reasons kept for printing; the count covers all. */
    private static final int REASONS_KEPT = 5;

    private final Map<String, ExecutorTally> executors = new TreeMap<>();
    private final QualityTally quality = new QualityTally();
    private long failedTaskAttempts;
    private final List<String> failureReasons = new ArrayList<>();

    /** One call's part, from the executor that ran it. */
    public static JobReport ofCall(String executor, int runtimesBuilt, Report report, int elements) {
        JobReport r = new JobReport();
        r.executors.computeIfAbsent(executor, k -> new ExecutorTally()).add(report, elements, runtimesBuilt);
        return r;
    }

    /** Adds an element's result against its reference. */
    public void addQuality(float[] out, float[] reference) {
        quality.add(out, reference);
    }

    /**
     * Counts task attempts that failed before this one succeeded (Spark's attempt number): counted by the
     * attempt that succeeded, since a failed attempt's accumulator updates never reach the driver.
     */
    public void addFailedTaskAttempts(String task, int attempts) {
        failedTaskAttempts += attempts;
        if (attempts > 0 && failureReasons.size() < REASONS_KEPT) {
            failureReasons.add(task + ": succeeded on attempt " + (attempts + 1) + " (Spark's log has each failure)");
        }
    }

    /** Adds {@code other} into this report. */
    public void merge(JobReport other) {
        other.executors.forEach((k, v) -> executors.computeIfAbsent(k, x -> new ExecutorTally()).add(v));
        quality.add(other.quality);
        failedTaskAttempts += other.failedTaskAttempts;
        for (String s : other.failureReasons) {
            if (failureReasons.size() < REASONS_KEPT) {
                failureReasons.add(s);
            }
        }
    }

    public JobReport copy() {
        JobReport r = new JobReport();
        r.merge(this);
        return r;
    }

    public boolean isEmpty() {
        return executors.isEmpty() && quality.elements == 0 && failedTaskAttempts == 0;
    }

    public Map<String, ExecutorTally> executors() {
        return executors;
    }

    public QualityTally quality() {
        return quality;
    }

    public long failedTaskAttempts() {
        return failedTaskAttempts;
    }

    public long elements() {
        return executors.values().stream().mapToLong(ExecutorTally::elements).sum();
    }

    public long calls() {
        return executors.values().stream().mapToLong(ExecutorTally::calls).sum();
    }

    public long hlops() {
        return executors.values().stream().mapToLong(ExecutorTally::hlops).sum();
    }

    /** HLOPs completed on {@code device}, over every executor. */
    public long hlopsOn(String device) {
        long n = 0;
        for (ExecutorTally e : executors.values()) {
            DeviceTally d = e.devices.get(device);
            n += d == null ? 0 : d.hlops;
        }
        return n;
    }

    /** The report for people: one block per executor. */
    public String toText() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "SHMT job report: %d elements in %d VOP calls, %d HLOPs, %d executor%s%n",
                elements(), calls(), hlops(), executors.size(), executors.size() == 1 ? "" : "s"));
        for (Map.Entry<String, ExecutorTally> e : executors.entrySet()) {
            ExecutorTally x = e.getValue();
            s.append(String.format(Locale.ROOT, "  executor %s: %d elements, %d calls (%.1f ms in calls), %d steals,"
                    + " %d HLOPs retried elsewhere, runtimes built %d%n", e.getKey(), x.elements, x.calls,
                    x.wallNanos / 1e6, x.steals, x.retriedHlops, x.runtimes));
            long all = Math.max(1, x.hlops());
            x.devices.forEach((name, d) -> s.append(String.format(Locale.ROOT,
                    "    %-6s %8d HLOPs (%5.1f%%) %6d stolen %10.1f ms busy%n", name, d.hlops, 100.0 * d.hlops / all,
                    d.stolen, d.busyNanos / 1e6)));
            x.quarantined.forEach((name, cause) -> s.append("    ").append(name).append(": quarantined: ")
                    .append(cause).append(System.lineSeparator()));
            x.unavailable.forEach((name, cause) -> s.append("    ").append(name).append(": unavailable: ")
                    .append(cause).append(System.lineSeparator()));
        }
        if (quality.elements > 0) {
            s.append(String.format(Locale.ROOT, "  quality against the reference (%d elements): error_rate %.3g,"
                    + " RMSE %.3g, max |error| %.3g%n", quality.elements, quality.errorRate(), quality.rmse(),
                    quality.maxAbsError));
        }
        s.append("  task attempts failed and retried by Spark: ").append(failedTaskAttempts).append(System.lineSeparator());
        for (String r : failureReasons) {
            s.append("    ").append(r).append(System.lineSeparator());
        }
        return s.toString();
    }

    /** The same, as JSON. */
    public String toJson() {
        JsonWriter w = new JsonWriter(true);
        w.beginObject().member("elements", elements()).member("calls", calls()).member("hlops", hlops());
        w.name("executors").beginObject();
        for (Map.Entry<String, ExecutorTally> e : executors.entrySet()) {
            ExecutorTally x = e.getValue();
            w.name(e.getKey()).beginObject().member("elements", x.elements).member("calls", x.calls)
                    .member("call_ms", x.wallNanos / 1e6).member("steals", x.steals)
                    .member("retried_hlops", x.retriedHlops).member("runtimes_built", x.runtimes);
            w.name("devices").beginObject();
            x.devices.forEach((name, d) -> w.name(name).beginObject().member("hlops", d.hlops)
                    .member("stolen", d.stolen).member("busy_ms", d.busyNanos / 1e6).endObject());
            w.endObject();
            w.name("quarantined").beginObject();
            x.quarantined.forEach(w::member);
            w.endObject();
            w.name("unavailable").beginObject();
            x.unavailable.forEach(w::member);
            w.endObject();
            w.endObject();
        }
        w.endObject();
        if (quality.elements > 0) {
            w.name("quality").beginObject().member("elements", quality.elements)
                    .member("error_rate", quality.errorRate()).member("rmse", quality.rmse())
                    .member("max_abs_error", quality.maxAbsError).endObject();
        }
        w.member("failed_task_attempts", failedTaskAttempts);
        w.name("failure_reasons").beginArray();
        failureReasons.forEach(w::value);
        w.endArray();
        return w.endObject().toString();
    }

    @Override
    public String toString() {
        return toText();
    }
}
