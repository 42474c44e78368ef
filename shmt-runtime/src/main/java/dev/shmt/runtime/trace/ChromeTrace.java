package dev.shmt.runtime.trace;

import dev.shmt.api.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Collects the HLOPs of VOP calls and writes them as Chrome trace-event JSON (the object form, which
 * Perfetto and chrome://tracing open): one process per group of calls (for example one benchmark run
 * of one policy), one track per device worker named with {@code ph:"M"} events, and per HLOP a
 * complete event ({@code ph:"X"}, microseconds with fractions) whose args hold its region,
 * criticality, the device it was stolen from and the failures of earlier attempts. Each call also
 * gets an event on its group's {@code calls} track, so the gaps between calls show.
 *
 * <p>Calls are placed by {@link Report#startedAtNanos()} relative to the earliest call added, so the
 * trace is one time line. Not thread-safe: add from one thread.
 */
public final class ChromeTrace {
    private record Call(String group, Report report) {}

    private final List<Call> calls = new ArrayList<>();

    /** Adds one call's HLOPs under {@code group}, a process in the trace. */
    public ChromeTrace add(String group, Report report) {
        calls.add(new Call(Objects.requireNonNull(group, "group"), Objects.requireNonNull(report, "report")));
        return this;
    }

    public int calls() {
        return calls.size();
    }

    /** The trace as a JSON document. */
    public String toJson() {
        long origin = Long.MAX_VALUE;
        for (Call c : calls) {
            origin = Math.min(origin, c.report.startedAtNanos());
        }
        Map<String, Integer> pids = new LinkedHashMap<>();
        // Tracks per process: "calls" first, then device workers in the order they first ran an HLOP.
        Map<String, Map<String, Integer>> tids = new LinkedHashMap<>();
        JsonWriter events = new JsonWriter(false);
        events.beginArray();
        for (Call c : calls) {
            int pid = pids.computeIfAbsent(c.group, g -> pids.size() + 1);
            Map<String, Integer> tracks = tids.computeIfAbsent(c.group, g -> new LinkedHashMap<>(Map.of("calls", 0)));
            Report r = c.report;
            double callStart = micros(r.startedAtNanos() - origin);
            events.beginObject().member("ph", "X").member("name", r.vop()).member("cat", "call")
                    .member("pid", pid).member("tid", 0).member("ts", callStart).member("dur", micros(r.wallNanos()))
                    .name("args").beginObject().member("policy", r.policy()).member("hlops", r.hlops().size())
                    .member("steals", r.steals()).member("sampling_us", micros(r.samplingNanos())).endObject()
                    .endObject();
            for (Report.HlopRecord h : r.hlops()) {
                String track = h.device() + "/" + h.worker();
                int tid = tracks.computeIfAbsent(track, t -> tracks.size());
                events.beginObject().member("ph", "X").member("name", r.vop() + " #" + h.index()).member("cat", h.device())
                        .member("pid", pid).member("tid", tid).member("ts", callStart + micros(h.startNanos()))
                        .member("dur", micros(h.runNanos()))
                        .name("args").beginObject()
                        .member("region", h.region().toString())
                        .member("criticality", h.criticality())
                        .member("critical", h.critical())
                        .member("stolen_from", h.stolenFrom())
                        .member("queue_wait_us", micros(h.queueWaitNanos()));
                if (!h.failures().isEmpty()) {
                    events.name("failures").beginArray();
                    h.failures().forEach(events::value);
                    events.endArray();
                }
                events.endObject().endObject();
            }
        }
        for (Map.Entry<String, Integer> p : pids.entrySet()) {
            metadata(events, "process_name", p.getValue(), 0, p.getKey());
            metadata(events, "process_sort_index", p.getValue(), 0, p.getValue());
            for (Map.Entry<String, Integer> t : tids.get(p.getKey()).entrySet()) {
                metadata(events, "thread_name", p.getValue(), t.getValue(), t.getKey());
                metadata(events, "thread_sort_index", p.getValue(), t.getValue(), t.getValue());
            }
        }
        events.endArray();
        return "{\"displayTimeUnit\":\"ms\",\"traceEvents\":" + events + "}\n";
    }

    /** Writes {@link #toJson()} to {@code file}, replacing it. */
    public void write(Path file) throws IOException {
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    private static void metadata(JsonWriter w, String name, int pid, int tid, Object value) {
        w.beginObject().member("ph", "M").member("name", name).member("pid", pid).member("tid", tid)
                .name("args").beginObject();
        if (value instanceof Integer i) {
            w.member("sort_index", i.longValue());
        } else {
            w.member("name", value.toString());
        }
        w.endObject().endObject();
    }

    private static double micros(long nanos) {
        return nanos / 1e3;
    }
}
