package dev.shmt.runtime;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.DeviceInfo;
import dev.shmt.api.FloatArray;
import dev.shmt.api.Partition;
import dev.shmt.api.Region;
import dev.shmt.api.Report;
import dev.shmt.api.ShmtExecutionException;
import dev.shmt.api.VopCall;
import dev.shmt.api.WatchdogSettings;
import dev.shmt.runtime.device.CpuDevice;
import dev.shmt.runtime.spi.Device;
import dev.shmt.runtime.testing.FaultDevice;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Device faults lose no work: a device failing one HLOP, failing every HLOP, or hanging, with the
 * output equal to the reference and the report naming what happened.
 */
class ReliabilityTest {
    private static final int N = 32 * 1024;
    /** Short limits so a hang is found in well under a second. */
    private static final WatchdogSettings QUICK = WatchdogSettings.of(5, Duration.ofMillis(50), Duration.ofMillis(200));

    /** out[i] = 3 a[i] - 2, one page per HLOP; the outputs are named so devices with own memory see them. */
    private static VopCall scale(FloatArray a, FloatArray out) {
        return VopCall.builder("scale", Partition.ELEMENTWISE).length(a.length()).chunkHint(1024)
                .arg("a", VopCall.Role.IN, a).arg("out", VopCall.Role.OUT, out)
                .cpu(r -> scaleRegion(a, out, r))
                .build();
    }

    private static Object scaleRegion(FloatArray a, FloatArray out, Region r) {
        for (int i = r.start(); i < r.start() + r.length(); i++) {
            out.set(i, 3 * a.get(i) - 2);
        }
        return null;
    }

    /** Waits (bounded) until the hung HLOP returned and tried to write. */
    private static void awaitLateResult(FaultDevice stuck) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (stuck.lateResultsRefused() + stuck.lateResultsWritten() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static FloatArray input() {
        FloatArray a = FloatArray.create(N);
        for (int i = 0; i < N; i++) {
            a.set(i, i % 1000 - 500);
        }
        return a;
    }

    private static void assertScaled(FloatArray a, FloatArray out) {
        for (int i = 0; i < a.length(); i++) {
            if (out.get(i) != 3 * a.get(i) - 2) {
                throw new AssertionError("out[" + i + "] = " + out.get(i) + ", expected " + (3 * a.get(i) - 2));
            }
        }
    }

    private static ShmtRuntime runtime(String policy, WatchdogSettings watchdog, Device... devices) {
        RuntimeBuilder b = ShmtRuntime.builder().discoverDevices(false).policy(policy).watchdog(watchdog);
        for (Device d : devices) {
            b.addDevice(d);
        }
        return b.build();
    }

    @Test
    void aDeviceFailingOneHlopLosesNoWork() {
        try (ShmtRuntime rt = runtime("even", QUICK, new CpuDevice(1), FaultDevice.failing("flaky", i -> i == 5))) {
            FloatArray a = input();
            FloatArray out = FloatArray.create(N);
            Report r = rt.execute(scale(a, out));
            assertScaled(a, out);
            assertWithMessage("retries").that(r.retries()).isEqualTo(1);
            Report.HlopRecord h5 = r.hlops().get(5);
            assertWithMessage("HLOP 5 ran on").that(h5.device()).isEqualTo("cpu");
            assertWithMessage("HLOP 5 failures").that(h5.failures())
                    .containsExactly("flaky: java.lang.IllegalStateException: injected fault on HLOP 5");
            assertWithMessage("flaky still took its other HLOPs").that(r.hlopsOn("flaky")).isEqualTo(15);
            assertWithMessage("quarantined").that(r.quarantined()).isEmpty();
            assertWithMessage("table").that(r.toTable()).contains("HLOP 5 [5120, 6144) retried after: flaky: ");
        }
    }

    @Test
    void aDeviceFailingEveryHlopIsQuarantinedAndItsWorkRunsElsewhere() {
        FaultDevice flaky = FaultDevice.failing("flaky", i -> true);
        try (ShmtRuntime rt = runtime("even", QUICK, new CpuDevice(1), flaky)) {
            FloatArray a = input();
            FloatArray out = FloatArray.create(N);
            Report r = rt.execute(scale(a, out));
            assertScaled(a, out);
            assertWithMessage("every HLOP on cpu").that(r.hlopsOn("cpu")).isEqualTo(32);
            // Three failures in a row quarantine it; its other 13 planned HLOPs move without being tried.
            assertWithMessage("retries").that(r.retries()).isEqualTo(3);
            assertWithMessage("HLOPs flaky started").that(flaky.ran()).isEqualTo(3);
            assertWithMessage("quarantined").that(r.quarantined().stream().map(DeviceInfo::name).toList())
                    .containsExactly("flaky");
            String cause = r.quarantined().get(0).cause();
            assertWithMessage("cause").that(cause).contains("3 HLOPs failed in a row, the last with "
                    + "java.lang.IllegalStateException: injected fault on HLOP");
            assertWithMessage("table").that(r.toTable()).contains("flaky            quarantined: 3 HLOPs failed");

            // For the rest of the runtime's life it takes nothing, and says why.
            FloatArray out2 = FloatArray.create(N);
            Report again = rt.execute(scale(a, out2));
            assertScaled(a, out2);
            assertWithMessage("retries of the next call").that(again.retries()).isEqualTo(0);
            assertWithMessage("HLOPs flaky started").that(flaky.ran()).isEqualTo(3);
            assertWithMessage("next call's unavailable").that(again.unavailable().toString())
                    .contains("quarantined: 3 HLOPs failed in a row");
            DeviceInfo listed = rt.devices().stream().filter(d -> d.name().equals("flaky")).findFirst().orElseThrow();
            assertWithMessage("listing").that(listed.available()).isFalse();
            assertWithMessage("listing").that(listed.cause()).startsWith("quarantined: 3 HLOPs failed in a row");
        }
    }

    @Test
    void aDeviceRefusingHlopsForTheirInputIsNotQuarantined() {
        FaultDevice picky = FaultDevice.refusing("picky", i -> i < 20);
        try (ShmtRuntime rt = runtime("even", QUICK, new CpuDevice(1), picky)) {
            FloatArray a = input();
            FloatArray out = FloatArray.create(N);
            Report r = rt.execute(scale(a, out));
            assertScaled(a, out);
            assertWithMessage("retries").that(r.retries()).isEqualTo(10);
            assertWithMessage("quarantined").that(r.quarantined()).isEmpty();
            assertWithMessage("picky ran its HLOPs from 20 on").that(r.hlopsOn("picky")).isEqualTo(6);
        }
    }

    @Test
    void quarantineCanBeTurnedOff() {
        FaultDevice flaky = FaultDevice.failing("flaky", i -> true);
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).policy("even").quarantineAfter(0)
                .addDevice(new CpuDevice(1)).addDevice(flaky).build()) {
            FloatArray a = input();
            FloatArray out = FloatArray.create(N);
            Report r = rt.execute(scale(a, out));
            assertScaled(a, out);
            assertWithMessage("retries").that(r.retries()).isEqualTo(16);
            assertWithMessage("quarantined").that(r.quarantined()).isEmpty();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aHangingDeviceIsAbandonedItsHlopReRunAndItsLateResultDiscarded() throws Exception {
        FaultDevice stuck = FaultDevice.hanging("stuck", i -> true);
        try (ShmtRuntime rt = runtime("even", QUICK, new CpuDevice(1), stuck)) {
            FloatArray a = input();
            FloatArray out = FloatArray.create(N);
            Report r = rt.execute(scale(a, out));
            assertScaled(a, out);
            List<Report.HlopRecord> retried = r.hlops().stream().filter(h -> !h.failures().isEmpty())
                    .collect(Collectors.toList());
            assertWithMessage("HLOPs retried").that(retried).hasSize(1);
            Report.HlopRecord h = retried.get(0);
            assertWithMessage("it ran on").that(h.device()).isEqualTo("cpu");
            assertWithMessage("failure").that(h.failures().get(0)).startsWith(
                    "stuck: java.util.concurrent.TimeoutException: watchdog: no result after ");
            assertWithMessage("failure").that(h.failures().get(0)).contains(
                    "past the watchdog's limit of 200 ms (its first HLOP of scale on this device)");
            assertWithMessage("quarantined").that(r.quarantined().get(0).cause()).startsWith("hung: scale HLOP ");
            assertWithMessage("every other HLOP on cpu").that(r.hlopsOn("cpu")).isEqualTo(32);

            // The hung HLOP returns late and tries to write NaN: refused, the output stays right.
            stuck.release();
            awaitLateResult(stuck);
            assertWithMessage("late results refused").that(stuck.lateResultsRefused()).isEqualTo(1);
            assertWithMessage("late results written").that(stuck.lateResultsWritten()).isEqualTo(0);
            assertScaled(a, out);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void closingARuntimeWithAWorkerStillHungInterruptsItAndLeavesNoThreads() throws Exception {
        FaultDevice stuck = FaultDevice.hanging("stuck", i -> true);
        ShmtRuntime rt = runtime("even", QUICK, new CpuDevice(1), stuck);
        FloatArray a = input();
        FloatArray out = FloatArray.create(N);
        rt.execute(scale(a, out));
        assertScaled(a, out);
        stuck.awaitHung();
        rt.close(); // never released: close interrupts the stuck worker
        assertWithMessage("late results refused").that(stuck.lateResultsRefused()).isEqualTo(1);
        assertScaled(a, out);
        List<String> alive = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().matches("shmt\\d+-stuck-0")).map(Thread::getName).toList();
        assertWithMessage("stuck workers alive").that(alive).isEmpty();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void interruptingACallerWhileADeviceHangsCancelsTheCallAndTheRuntimeStaysUsable() throws Exception {
        FaultDevice stuck = FaultDevice.hanging("stuck", i -> true);
        try (ShmtRuntime rt = runtime("even", QUICK, FaultDevice.slow("slow", TimeUnit.MILLISECONDS.toNanos(2)), stuck)) {
            FloatArray a = input();
            FloatArray out = FloatArray.create(N);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    rt.execute(scale(a, out));
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            caller.start();
            stuck.awaitHung();
            caller.interrupt();
            caller.join();
            assertWithMessage("thrown").that(thrown.get()).isInstanceOf(java.util.concurrent.CancellationException.class);
            assertWithMessage("message").that(thrown.get()).hasMessageThat().contains("scale interrupted");
            stuck.release();

            FloatArray out2 = FloatArray.create(N);
            Report r = rt.execute(scale(a, out2));
            assertScaled(a, out2);
            assertWithMessage("stuck, quarantined, is not used").that(r.hlopsOn("stuck")).isEqualTo(0);
            awaitLateResult(stuck);
            assertWithMessage("late results written").that(stuck.lateResultsWritten()).isEqualTo(0);
            assertWithMessage("late results refused").that(stuck.lateResultsRefused()).isEqualTo(1);
        }
    }

    @Test
    void anHlopWritingInPlaceIsLeftToFinishPastTheWatchdog() {
        // The CPU writes the caller's output as it computes, so the watchdog cannot take it back.
        try (ShmtRuntime rt = runtime("even", QUICK, new CpuDevice(1))) {
            FloatArray a = input();
            FloatArray out = FloatArray.create(N);
            VopCall slow = VopCall.builder("slowScale", Partition.ELEMENTWISE).length(N).chunkHint(1024)
                    .cpu(r -> {
                        if (r.start() == 0) {
                            FaultDevice.sleep(TimeUnit.MILLISECONDS.toNanos(400));
                        }
                        return scaleRegion(a, out, r);
                    }).build();
            Report r = rt.execute(slow);
            assertScaled(a, out);
            assertWithMessage("retries").that(r.retries()).isEqualTo(0);
            assertWithMessage("quarantined").that(r.quarantined()).isEmpty();
        }
    }

    @Test
    void whenNoDeviceCanRunAnHlopTheCallNamesItsRegionEveryErrorAndWhatWasWritten() {
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false)
                .addDevice(FaultDevice.failing("a", i -> i == 2)).addDevice(FaultDevice.failing("b", i -> i == 2)).build()) {
            FloatArray a = input();
            FloatArray out = FloatArray.create(N);
            VopCall call = VopCall.builder("scale", Partition.ELEMENTWISE).length(4096).chunkHint(1024)
                    .arg("a", VopCall.Role.IN, a).arg("out", VopCall.Role.OUT, out)
                    .cpu(r -> scaleRegion(a, out, r)).build();
            ShmtExecutionException e = assertThrows(ShmtExecutionException.class, () -> rt.execute(call));
            // Failures are listed in the order they happened, which depends on which device came first.
            assertWithMessage("message").that(e).hasMessageThat().startsWith("scale: 1 of 4 HLOPs could not run on any"
                    + " device. HLOP 2 [2048, 3072): ");
            assertWithMessage("message").that(e).hasMessageThat()
                    .contains("a: java.lang.IllegalStateException: injected fault on HLOP 2");
            assertWithMessage("message").that(e).hasMessageThat()
                    .contains("b: java.lang.IllegalStateException: injected fault on HLOP 2");
            assertWithMessage("message").that(e).hasMessageThat().endsWith(". Output written for 3 of 4 regions:"
                    + " [0, 1024), [1024, 2048), [3072, 4096); the failed regions may be partly written.");
            assertWithMessage("failed regions").that(e.failedRegions()).containsExactly(Region.span(2048, 1024));
            assertWithMessage("written regions").that(e.writtenRegions())
                    .containsExactly(Region.span(0, 1024), Region.span(1024, 1024), Region.span(3072, 1024)).inOrder();
            assertWithMessage("cause").that(e).hasCauseThat().hasMessageThat().isEqualTo("injected fault on HLOP 2");
            for (int i = 0; i < 4096; i++) {
                float want = i >= 2048 && i < 3072 ? 0 : 3 * a.get(i) - 2;
                if (out.get(i) != want) {
                    throw new AssertionError("out[" + i + "] = " + out.get(i) + ", expected " + want);
                }
            }
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void closeFromInsideAnHlopIsRefusedNotDeadlocked() {
        try (ShmtRuntime rt = runtime("ws", QUICK, new CpuDevice(1))) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            VopCall call = VopCall.builder("closer", Partition.ELEMENTWISE).length(1024)
                    .cpu(r -> {
                        try {
                            rt.close();
                        } catch (Throwable t) {
                            thrown.set(t);
                        }
                        return null;
                    }).build();
            rt.execute(call);
            assertWithMessage("thrown").that(thrown.get()).isInstanceOf(IllegalStateException.class);
            assertWithMessage("message").that(thrown.get()).hasMessageThat()
                    .contains("close() was called from inside an HLOP or combiner of this runtime");
            assertWithMessage("still open").that(rt.isClosed()).isFalse();
        }
    }
}
