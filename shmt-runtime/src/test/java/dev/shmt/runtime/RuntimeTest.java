package dev.shmt.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.DeviceInfo;
import dev.shmt.api.FloatArray;
import dev.shmt.api.Partition;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.api.ShmtExecutionException;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.device.CpuDevice;
import dev.shmt.runtime.testing.FaultDevice;
import dev.shmt.runtime.testing.MissingDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RuntimeTest {
    /** out[i] = 2 a[i] + 1 as an ELEMENTWISE call with one page per HLOP. */
    private static VopCall affine(FloatArray a, FloatArray out) {
        return VopCall.builder("affine", Partition.ELEMENTWISE).length(a.length()).chunkHint(1024)
                .cpu(r -> {
                    FloatArray x = a.slice(r);
                    FloatArray y = out.slice(r);
                    for (int i = 0; i < x.length(); i++) {
                        y.set(i, 2 * x.get(i) + 1);
                    }
                    return null;
                })
                .build();
    }

    private static FloatArray ramp(int n) {
        FloatArray a = FloatArray.create(n);
        for (int i = 0; i < n; i++) {
            a.set(i, i);
        }
        return a;
    }

    private static void assertAffine(FloatArray out) {
        for (int i = 0; i < out.length(); i++) {
            assertThat(out.get(i)).isEqualTo(2f * i + 1);
        }
    }

    @Test
    void serviceLoaderFindsTheRuntimeAndTheCpuDevice() {
        try (Shmt rt = Shmt.builder().cpuThreads(3).build()) {
            assertThat(rt).isInstanceOf(ShmtRuntime.class);
            assertThat(rt.policy()).isEqualTo("ws");
            DeviceInfo cpu = rt.devices().stream().filter(d -> d.name().equals("cpu")).findFirst().orElseThrow();
            assertThat(cpu.available()).isTrue();
            assertThat(cpu.threads()).isEqualTo(3);
        }
    }

    @Test
    void defaultRuntimeIsSharedAndReplacedAfterClose() {
        Shmt first = Shmt.defaultRuntime();
        assertThat(Shmt.defaultRuntime()).isSameInstanceAs(first);
        first.close();
        Shmt second = Shmt.defaultRuntime();
        assertThat(second).isNotSameInstanceAs(first);
        FloatArray out = FloatArray.create(4096);
        second.execute(affine(ramp(4096), out));
        assertAffine(out);
    }

    @Test
    void unavailableDevicesSayWhyInTheListingAndInEveryReport() {
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(1))
                .addDevice(new MissingDevice("gpu", "no libcuda.so.1 (CUDA driver not installed)")).build()) {
            DeviceInfo gpu = rt.devices().get(1);
            assertThat(gpu.available()).isFalse();
            assertThat(gpu.toString()).contains("unavailable: no libcuda.so.1");
            FloatArray out = FloatArray.create(8192);
            Report r = rt.execute(affine(ramp(8192), out));
            assertAffine(out);
            assertThat(r.hlopsOn("cpu")).isEqualTo(8);
            assertThat(r.unavailable()).hasSize(1);
            assertThat(r.toTable()).contains("gpu              not used: no libcuda.so.1 (CUDA driver not installed)");
        }
    }

    @Test
    void aDeviceWithoutAnImplementationIsReportedNotUsed() {
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(1)).build()) {
            VopCall gpuOnly = VopCall.builder("gpuOnly", Partition.ELEMENTWISE).length(10)
                    .implementation(Runnable.class, () -> {}).build();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.execute(gpuOnly));
            assertThat(e).hasMessageThat().contains("no device can run gpuOnly");
            assertThat(e).hasMessageThat().contains("no implementation of gpuOnly it can run");
        }
    }

    @Test
    void reportTableShowsEveryDeviceAndHlop() {
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(2)).build()) {
            Report r = rt.execute(affine(ramp(5000), FloatArray.create(5000)));
            assertThat(r.hlops()).hasSize(5);
            assertThat(r.toTable()).contains("affine (ELEMENTWISE) policy ws: 5 HLOPs");
            assertThat(r.toTable()).containsMatch("cpu +2 +5 +100\\.0%");
            assertThat(r.hlopTable().lines().count()).isEqualTo(6);
            Set<Integer> workers = new java.util.HashSet<>();
            for (Report.HlopRecord h : r.hlops()) {
                assertThat(h.device()).isEqualTo("cpu");
                assertThat(h.runNanos()).isAtLeast(0L);
                assertThat(h.queueWaitNanos()).isAtLeast(0L);
                assertThat(h.startNanos()).isAtLeast(h.queueWaitNanos());
                assertThat(h.startNanos() + h.runNanos()).isAtMost(r.wallNanos());
                assertThat(h.stolenFrom()).isNull();
                workers.add(h.worker());
            }
            assertThat(workers).isAnyOf(Set.of(0), Set.of(1), Set.of(0, 1));
            assertThat(r.devices().get(0).busyNanos())
                    .isEqualTo(r.hlops().stream().mapToLong(Report.HlopRecord::runNanos).sum());
        }
    }

    @Test
    void hlopsOfAFailingDeviceRunElsewhereAndTheReportSaysSo() {
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(1))
                .addDevice(FaultDevice.failing("flaky", i -> true)).policy("even").build()) {
            FloatArray out = FloatArray.create(16 * 1024);
            Report r = rt.execute(affine(ramp(16 * 1024), out));
            assertAffine(out);
            assertThat(r.hlopsOn("cpu")).isEqualTo(16);
            // Quarantined after three failures in a row (ReliabilityTest has the details).
            assertThat(r.retries()).isEqualTo(3);
            assertThat(r.hlops().get(1).failures()).containsExactly(
                    "flaky: java.lang.IllegalStateException: injected fault on HLOP 1");
            assertThat(r.toTable()).contains("HLOP 1 [1024, 2048) retried after: flaky: ");
        }
    }

    @Test
    void anHlopNoDeviceCanRunFailsTheCallNamingItsRegionAndEveryError() {
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false)
                .addDevice(FaultDevice.failing("a", i -> i == 2)).addDevice(FaultDevice.failing("b", i -> i == 2)).build()) {
            ShmtExecutionException e = assertThrows(ShmtExecutionException.class,
                    () -> rt.execute(affine(ramp(4096), FloatArray.create(4096))));
            assertThat(e).hasMessageThat().contains("affine: 1 of 4 HLOPs could not run on any device");
            assertThat(e).hasMessageThat().contains("HLOP 2 [2048, 3072)");
            assertThat(e).hasMessageThat().contains("a: java.lang.IllegalStateException: injected fault on HLOP 2");
            assertThat(e).hasMessageThat().contains("b: java.lang.IllegalStateException: injected fault on HLOP 2");
            // The runtime is still usable.
            FloatArray out = FloatArray.create(1024);
            rt.execute(affine(ramp(1024), out));
            assertAffine(out);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aCallFromInsideAnHlopOfTheSameRuntimeIsRefusedNotDeadlocked() {
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(1)).build()) {
            VopCall inner = affine(ramp(1024), FloatArray.create(1024));
            VopCall outer = VopCall.builder("outer", Partition.ELEMENTWISE).length(2048).chunkHint(1024)
                    .cpu(r -> rt.execute(inner)).build();
            ShmtExecutionException e = assertThrows(ShmtExecutionException.class, () -> rt.execute(outer));
            assertThat(e).hasMessageThat().contains("affine was called from inside an HLOP or combiner of the same runtime");
        }
    }

    @Test
    void callsAfterCloseAreRefused() {
        ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(1)).build();
        rt.close();
        rt.close(); // idempotent
        assertThat(rt.isClosed()).isTrue();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> rt.execute(affine(ramp(10), FloatArray.create(10))));
        assertThat(e).hasMessageThat().contains("closed");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void manyCallersShareOneRuntime() throws Exception {
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(2))
                .addDevice(new CpuDevice("cpu2", 1)).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int n = 1000 + 997 * t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        FloatArray out = FloatArray.create(n);
                        Report r = rt.execute(affine(ramp(n), out));
                        assertAffine(out);
                        assertThat(r.hlops()).hasSize((n + 1023) / 1024);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void closedRuntimesLeaveNoThreads() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        for (int i = 0; i < 200; i++) {
            try (ShmtRuntime rt = ShmtRuntime.builder().cpuThreads(2).build()) {
                rt.execute(affine(ramp(2048), FloatArray.create(2048)));
            }
        }
        List<String> leaked = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive() && t.getName().startsWith("shmt"))
                .map(Thread::getName).collect(Collectors.toList());
        assertThat(leaked).isEmpty();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void interruptingTheCallerCancelsPendingHlops() throws Exception {
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false)
                .addDevice(FaultDevice.slow("slow", 20_000_000)).build()) {
            AtomicInteger started = new AtomicInteger();
            CountDownLatch first = new CountDownLatch(1);
            VopCall call = VopCall.builder("long", Partition.ELEMENTWISE).length(100 * 1024).chunkHint(1024)
                    .cpu(r -> {
                        started.incrementAndGet();
                        first.countDown();
                        return null;
                    })
                    .build();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    rt.execute(call);
                } catch (Throwable t) {
                    thrown.set(t);
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
            });
            caller.start();
            first.await();
            caller.interrupt();
            caller.join();
            assertThat(thrown.get()).isInstanceOf(CancellationException.class);
            assertThat(stillInterrupted.get()).isTrue();
            int ranBeforeReturn = started.get();
            assertThat(ranBeforeReturn).isLessThan(100);
            Thread.sleep(100);
            assertThat(started.get()).isEqualTo(ranBeforeReturn); // nothing ran after the call returned
            FloatArray out = FloatArray.create(1024);
            rt.execute(affine(ramp(1024), out));
            assertAffine(out);
        }
    }
}
