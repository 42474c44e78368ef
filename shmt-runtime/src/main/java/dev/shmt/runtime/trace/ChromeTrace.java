package dev.shmt.runtime.trace;

import dev.shmt.api.CallEvent;
import dev.shmt.api.Report;
import dev.shmt.api.ShmtObserver;
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
 * <p>Calls come in two ways: as an observer of a runtime ({@link #recorder}), which takes each call as
 * it ends, or from reports already in hand ({@link #add}). Calls are placed by
 * {@link Report#startedAtNanos()} relative to the earliest call added, so the trace is one time line.
 * Thread-safe: recorders add from their runtimes' event threads.
 */
public final class ChromeTrace {
    private record Call(String group, Report report) {}

    private final List<Call> calls = new ArrayList<>();

    /** Adds one call's HLOPs under {@code group}, a process in the trace. */
    public synchronized ChromeTrace add(String group, Report report) {
        calls.add(new Call(Objects.requireNonNull(group, "group"), Objects.requireNonNull(report, "report")));
        return this;
    }

    public synchronized int calls() {
        return calls.size();
    }

    /**
     * An observer to register on a runtime's builder ({@link dev.shmt.api.Shmt.Builder#observer}): every
     * call of that runtime that succeeds goes into this trace under {@code group} as it ends, while the
     * recorder is {@linkplain Recorder#resume() recording}, which it is from the start.
     */
    public Recorder recorder(String group) {
        return new Recorder(Objects.requireNonNull(group, "group"));
    }

    /**
     * Records the calls of the runtime it observes. It can be paused: a call is recorded when it started
     * while recording was on, whenever its end is delivered (events reach observers a little later).
     */
    public final class Recorder implements ShmtObserver {
        private final String group;
        /** Start and end times of the recording intervals, alternating; an odd length means recording now. */
        private final List<Long> switches = new ArrayList<>(List.of(Long.MIN_VALUE));

        private Recorder(String group) {
            this.group = group;
        }

        /** Calls starting from now are not recorded. */
        public synchronized Recorder pause() {
            if (switches.size() % 2 == 1) {
                switches.add(System.nanoTime());
            }
            return this;
        }

        /** Calls starting from now are recorded. */
        public synchronized Recorder resume() {
            if (switches.size() % 2 == 0) {
                switches.add(System.nanoTime());
            }
            return this;
        }

        private synchronized boolean recording(long nanos) {
            for (int i = 0; i < switches.size(); i += 2) {
                if (nanos >= switches.get(i) && (i + 1 == switches.size() || nanos < switches.get(i + 1))) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void callFinished(CallEvent event) {
            if (event.report() != null && recording(event.startNanos())) {
                add(group, event.report());
            }
        }
    }

    /** The trace as a JSON document. */
    public synchronized String toJson() {
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
