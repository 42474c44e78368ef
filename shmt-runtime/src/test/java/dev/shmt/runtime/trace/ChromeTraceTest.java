package dev.shmt.runtime.trace;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shmt.api.FloatArray;
import dev.shmt.api.Report;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.testing.CopyVop;
import dev.shmt.runtime.testing.FaultDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChromeTraceTest {
    @Test
    void everyHlopOfEveryCallIsACompleteEventOnItsWorkersNamedTrack(@TempDir Path dir) throws Exception {
        FloatArray a = FloatArray.create(64 * 1024);
        FloatArray out = FloatArray.create(a.length());
        ChromeTrace trace = new ChromeTrace();
        int hlops = 0;
        // A slow second device makes the two devices' tracks differ and stealing likely.
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).cpuThreads(2)
                .addDevice(FaultDevice.slow("slow", 200_000)).addDevice(FaultDevice.slow("fast", 0))
                .policy("ws").build()) {
            for (String group : List.of("first", "second")) {
                for (int i = 0; i < 2; i++) {
                    Report r = rt.execute(CopyVop.of(a, out));
                    hlops += r.hlops().size();
                    trace.add(group, r);
                }
            }
        }
        Path file = dir.resolve("trace.json");
        trace.write(file);
        JsonObject doc = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        JsonArray events = doc.getAsJsonArray("traceEvents");

        Map<String, String> trackNames = new HashMap<>();
        Map<Integer, String> processNames = new HashMap<>();
        int hlopEvents = 0;
        int callEvents = 0;
        Set<String> usedTracks = new HashSet<>();
        for (JsonElement e : events) {
            JsonObject o = e.getAsJsonObject();
            String ph = o.get("ph").getAsString();
            String key = o.get("pid").getAsInt() + "/" + o.get("tid").getAsInt();
            if (ph.equals("M")) {
                JsonObject args = o.getAsJsonObject("args");
                if (o.get("name").getAsString().equals("thread_name")) {
                    trackNames.put(key, args.get("name").getAsString());
                } else if (o.get("name").getAsString().equals("process_name")) {
                    processNames.put(o.get("pid").getAsInt(), args.get("name").getAsString());
                }
                continue;
            }
            assertThat(ph).isEqualTo("X");
            assertWithMessage("ts and dur are microseconds >= 0").that(o.get("ts").getAsDouble()).isAtLeast(0.0);
            assertThat(o.get("dur").getAsDouble()).isAtLeast(0.0);
            usedTracks.add(key);
            if (o.get("cat").getAsString().equals("call")) {
                callEvents++;
                assertThat(o.getAsJsonObject("args").get("policy").getAsString()).isEqualTo("ws");
            } else {
                hlopEvents++;
                JsonObject args = o.getAsJsonObject("args");
                assertThat(args.get("region").getAsString()).isNotEmpty();
                assertThat(args.has("criticality")).isTrue();
                assertThat(args.has("stolen_from")).isTrue();
                assertWithMessage("an HLOP's category is its device").that(o.get("cat").getAsString())
                        .isAnyOf("slow", "fast");
            }
        }
        assertThat(callEvents).isEqualTo(4);
        assertThat(hlopEvents).isEqualTo(hlops);
        assertThat(processNames.values()).containsExactly("first", "second");
        for (String t : usedTracks) {
            assertWithMessage("track %s has a name", t).that(trackNames).containsKey(t);
        }
        assertThat(trackNames.values()).contains("calls");
        assertThat(trackNames.values()).contains("fast/0");
    }

    @Test
    void callsSitOnOneTimeLineInTheOrderTheyRan() {
        FloatArray a = FloatArray.create(4096);
        FloatArray out = FloatArray.create(a.length());
        ChromeTrace trace = new ChromeTrace();
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(FaultDevice.slow("d", 0)).build()) {
            trace.add("g", rt.execute(CopyVop.of(a, out)));
            trace.add("g", rt.execute(CopyVop.of(a, out)));
        }
        JsonArray events = JsonParser.parseString(trace.toJson()).getAsJsonObject().getAsJsonArray("traceEvents");
        double[] starts = events.asList().stream().map(JsonElement::getAsJsonObject)
                .filter(o -> o.get("cat") != null && o.get("cat").getAsString().equals("call"))
                .mapToDouble(o -> o.get("ts").getAsDouble()).toArray();
        assertThat(starts).hasLength(2);
        assertThat(starts[0]).isEqualTo(0.0);
        assertWithMessage("the second call starts after the first").that(starts[1]).isGreaterThan(starts[0]);
    }

    @Test
    void aRecorderOnTheBuilderTakesEachCallAsItEnds_whileRecording() {
        FloatArray a = FloatArray.create(4096);
        FloatArray out = FloatArray.create(a.length());
        ChromeTrace trace = new ChromeTrace();
        ChromeTrace.Recorder recorder = trace.recorder("live");
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(FaultDevice.slow("d", 0))
                .observer(recorder).build()) {
            rt.execute(CopyVop.of(a, out));
            recorder.pause();
            rt.execute(CopyVop.of(a, out));
            recorder.resume();
            rt.execute(CopyVop.of(a, out));
        } // close() delivers the last call's end
        assertWithMessage("the two calls made while recording").that(trace.calls()).isEqualTo(2);
        JsonArray events = JsonParser.parseString(trace.toJson()).getAsJsonObject().getAsJsonArray("traceEvents");
        long hlops = events.asList().stream().map(JsonElement::getAsJsonObject)
                .filter(o -> o.get("cat") != null && o.get("cat").getAsString().equals("d")).count();
        assertThat(hlops).isEqualTo(2 * 4);
    }
}
