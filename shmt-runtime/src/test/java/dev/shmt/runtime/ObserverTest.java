package dev.shmt.runtime;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.shmt.api.CallEvent;
import dev.shmt.api.FloatArray;
import dev.shmt.api.HlopEvent.Kind;
import dev.shmt.api.HlopEvent;
import dev.shmt.api.Report;
import dev.shmt.api.ShmtObserver;
import dev.shmt.runtime.testing.CopyVop;
import dev.shmt.runtime.testing.FaultDevice;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a {@link ShmtObserver} hears: one call on three devices, one fast, one slow (so the fast one
 * steals), one failing every HLOP (so its HLOPs are re-routed and, after two failures, long before the
 * fast device runs out of its own HLOPs, it is quarantined), checked event by event against the call's
 * report.
 */
class ObserverTest {
    private static final int HLOPS = 24;

    /** Records every event in the order it was delivered. */
    private static final class Recorder implements ShmtObserver {
        final List<Object> events = Collections.synchronizedList(new ArrayList<>());
        final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void hlop(HlopEvent event) {
            events.add(event);
            threads.add(Thread.currentThread());
        }

        @Override
        public void deviceQuarantined(String device, String cause, long nanos) {
            events.add(new Quarantined(device, cause, nanos));
        }

        @Override
        public void callFinished(CallEvent event) {
            events.add(event);
        }
    }

    private record Quarantined(String device, String cause, long nanos) {}

    @Test
    void aCallWithASteal_aFailureReRouted_andAQuarantine_isHeardStepByStepInOrder() {
        Recorder rec = new Recorder();
        FloatArray a = FloatArray.create(HLOPS * 1024);
        for (int i = 0; i < a.length(); i++) {
            a.set(i, i);
        }
        FloatArray out = FloatArray.create(a.length());
        Report report;
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).policy("ws").quarantineAfter(2)
                .addDevice(FaultDevice.slow("fast", TimeUnit.MICROSECONDS.toNanos(200)))
                .addDevice(FaultDevice.slow("slow", TimeUnit.MILLISECONDS.toNanos(5)))
                .addDevice(FaultDevice.failing("flaky", i -> true))
                .observer(rec).build()) {
            report = rt.execute(CopyVop.of(a, out));
        } // close() delivers every event before it returns
        for (int i = 0; i < a.length(); i++) {
            assertWithMessage("out[%s]", i).that(out.get(i)).isEqualTo(a.get(i));
        }
        List<Object> events = List.copyOf(rec.events);
        assertWithMessage("events reach observers on the runtime's event thread").that(
                rec.threads.stream().allMatch(t -> t.getName().endsWith("-events"))).isTrue();

        // The call's end comes last, with the report the caller got.
        assertThat(events.get(events.size() - 1)).isInstanceOf(CallEvent.class);
        CallEvent end = (CallEvent) events.get(events.size() - 1);
        assertThat(end.vop()).isEqualTo("copy");
        assertThat(end.failure()).isNull();
        assertThat(end.report().hlops()).hasSize(HLOPS);
        assertThat(end.endNanos()).isAtLeast(end.startNanos());

        // One quarantine, of flaky, and nothing is placed on flaky after it.
        List<Integer> quarantines = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof Quarantined q) {
                assertThat(q.device()).isEqualTo("flaky");
                assertThat(q.cause()).contains("2 HLOPs failed in a row");
                quarantines.add(i);
            }
        }
        assertThat(quarantines).hasSize(1);
        for (Object e : events.subList(quarantines.get(0), events.size())) {
            if (e instanceof HlopEvent h && h.kind() != Kind.FAILED) {
                assertWithMessage("after the quarantine: %s", h).that(h.device()).isNotEqualTo("flaky");
            }
        }

        // Per HLOP: queued first, each run started after a placement, a failure followed by a re-route to
        // another device, a steal by another device than the victim, and one FINISHED, last, where the
        // report says it ran.
        Map<Integer, List<HlopEvent>> byHlop = new TreeMap<>();
        for (Object e : events) {
            if (e instanceof HlopEvent h) {
                assertThat(h.call()).isEqualTo(end.call());
                byHlop.computeIfAbsent(h.hlop(), k -> new ArrayList<>()).add(h);
            }
        }
        assertThat(byHlop.keySet()).hasSize(HLOPS);
        int steals = 0;
        int reroutes = 0;
        int moved = 0;
        for (Map.Entry<Integer, List<HlopEvent>> e : byHlop.entrySet()) {
            List<HlopEvent> seq = e.getValue();
            String where = "HLOP " + e.getKey() + ": " + seq;
            Report.HlopRecord record = report.hlops().get(e.getKey());
            assertWithMessage(where).that(seq.get(0).kind()).isEqualTo(Kind.QUEUED);
            String placedOn = seq.get(0).device();
            boolean running = false;
            String lastStolenFrom = null;
            for (int i = 1; i < seq.size(); i++) {
                HlopEvent h = seq.get(i);
                assertWithMessage(where).that(h.nanos()).isAtLeast(seq.get(i - 1).nanos());
                switch (h.kind()) {
                    case QUEUED -> assertWithMessage(where + ": queued twice").fail();
                    case STOLEN -> {
                        assertWithMessage(where).that(running).isFalse();
                        assertWithMessage(where).that(h.from()).isEqualTo(placedOn);
                        assertWithMessage(where).that(h.device()).isNotEqualTo(h.from());
                        placedOn = h.device();
                        lastStolenFrom = h.from();
                        steals++;
                    }
                    case REROUTED -> {
                        assertWithMessage(where).that(running).isFalse();
                        assertWithMessage(where).that(h.from()).isEqualTo("flaky");
                        assertWithMessage(where).that(h.device()).isNotEqualTo("flaky");
                        if (seq.get(i - 1).kind() == Kind.FAILED) {
                            reroutes++;
                        } else {
                            // It was waiting on flaky when flaky was quarantined.
                            assertWithMessage(where).that(placedOn).isEqualTo("flaky");
                            moved++;
                        }
                        placedOn = h.device();
                        lastStolenFrom = null;
                    }
                    case STARTED -> {
                        assertWithMessage(where).that(running).isFalse();
                        assertWithMessage(where).that(h.device()).isEqualTo(placedOn);
                        assertWithMessage(where).that(h.worker()).isAtLeast(0);
                        running = true;
                    }
                    case FAILED -> {
                        assertWithMessage(where).that(running).isTrue();
                        assertWithMessage(where).that(h.device()).isEqualTo("flaky");
                        assertWithMessage(where).that(h.cause()).contains("injected fault");
                        running = false;
                    }
                    case FINISHED -> {
                        assertWithMessage(where).that(running).isTrue();
                        assertWithMessage(where + ": FINISHED is last").that(i).isEqualTo(seq.size() - 1);
                        assertWithMessage(where).that(h.device()).isEqualTo(record.device());
                        assertWithMessage(where).that(h.worker()).isEqualTo(record.worker());
                        running = false;
                    }
                }
            }
            assertWithMessage(where).that(seq.get(seq.size() - 1).kind()).isEqualTo(Kind.FINISHED);
            assertWithMessage(where + ": stolen from").that(record.stolenFrom()).isEqualTo(lastStolenFrom);
            assertWithMessage(where + ": failures").that(record.failures().size())
                    .isEqualTo((int) seq.stream().filter(h -> h.kind() == Kind.FAILED).count());
        }
        assertWithMessage("steals heard").that(steals).isGreaterThan(0);
        assertWithMessage("re-routes after a failure").that(reroutes).isAtLeast(2);
        assertWithMessage("HLOPs moved off the quarantined device").that(moved).isGreaterThan(0);
        assertWithMessage("report's retries").that(report.retries()).isEqualTo(reroutes);
        assertWithMessage("report's quarantine").that(report.quarantined().get(0).name()).isEqualTo("flaky");
    }

    @Test
    void aRuntimeWithoutObserversStartsNoEventThread() {
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(FaultDevice.slow("d", 0))
                .build()) {
            FloatArray a = FloatArray.create(4096);
            rt.execute(CopyVop.of(a, FloatArray.create(a.length())));
            boolean events = Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().equals(rt.name() + "-events"));
            assertThat(events).isFalse();
        }
    }

    @Test
    void anObserverThatThrowsDoesNotStopTheCallOrTheOthers() {
        Recorder rec = new Recorder();
        ShmtObserver bad = new ShmtObserver() {
            @Override
            public void hlop(HlopEvent event) {
                throw new IllegalStateException("observer bug");
            }
        };
        FloatArray a = FloatArray.create(8 * 1024);
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(FaultDevice.slow("d", 0))
                .observer(bad).observer(rec).build()) {
            Report r = rt.execute(CopyVop.of(a, FloatArray.create(a.length())));
            assertThat(r.hlops()).hasSize(8);
        }
        assertThat(rec.events.stream().filter(e -> e instanceof HlopEvent h && h.kind() == Kind.FINISHED).count())
                .isEqualTo(8);
        assertThat(rec.events.get(rec.events.size() - 1)).isInstanceOf(CallEvent.class);
    }
}
