package dev.shmt.gpu;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shmt.api.Border;
import dev.shmt.api.DeviceInfo;
import dev.shmt.api.FloatArray;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.GpuKernel;
import dev.shmt.api.Partition;
import dev.shmt.api.Region;
import dev.shmt.api.Report;
import dev.shmt.api.VopCall;
import dev.shmt.api.WatchdogSettings;
import dev.shmt.api.gpu.GpuKernelRef;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.device.CpuDevice;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the gpu device does besides computing: buffers kept across HLOPs, a late result refused after the
 * watchdog moved its HLOP, and the driver's errors reaching the caller with what was wrong. The parts that
 * need the host CUDA stand-in's hooks (its counters, holding kernels, its strict checks) are skipped on a
 * real GPU. Each test opens and closes its own device, so a spoiled context never outlives its test.
 */
class GpuDeviceOnGpuTest {
    /** Tiles of 63 start at odd rows and columns: only the origin tells the kernel where each cell lies. */
    @Test
    void aKernelLaunchedAtItsOriginKnowsWhereEachTileLies() {
        GpuDevice gpu = GpuUnderTest.open(1);
        try {
            FloatMatrix src = GpuTestImages.image(300, 301, 4).withBorder(Border.REFLECT_101);
            FloatMatrix dst = FloatMatrix.create(300, 301);
            VopCall call = VopCall.builder("where_at", Partition.TILE_2D).shape(300, 301).halo(1)
                    .border(Border.REFLECT_101).tileHint(63, 63)
                    .arg("src", VopCall.Role.IN, src).arg("dst", VopCall.Role.OUT, dst)
                    .implementation(GpuKernelRef.class, new GpuKernelRef(GpuDevice.class, TestKernels.PTX, "where_at",
                            GpuKernel.Launch.PER_CELL_AT_ORIGIN)).build();
            try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(gpu).policy("single:gpu")
                    .build()) {
                assertThat(rt.execute(call).hlopsOn("gpu")).isEqualTo(25);
            }
            GpuTestImages.assertBitwise("where_at", dst, TestKernels.whereAt(src));
        } finally {
            gpu.close();
        }
    }

    @Test
    void buffersGrowToTheLargestTileAndAreReusedAcrossHlopsAndCalls() {
        GpuDevice gpu = GpuUnderTest.open(1);
        try {
            assumeTrue(GpuUnderTest.isStandIn(gpu), "counts allocations through the stand-in's hooks");
            FloatMatrix src = GpuTestImages.image(1024, 1024, 5).withBorder(Border.REFLECT_101);
            FloatMatrix dst = FloatMatrix.create(1024, 1024);
            try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(gpu).policy("single:gpu")
                    .build()) {
                long[] before = StandInHooks.stats();
                Report first = rt.execute(TestKernels.cross(1, src, dst, 256, 256));
                long[] between = StandInHooks.stats();
                rt.execute(TestKernels.cross(1, src, dst, 256, 256));
                long[] after = StandInHooks.stats();
                assertThat(first.hlops()).hasSize(16);
                assertWithMessage("kernel launches").that(between[StandInHooks.LAUNCHES] - before[StandInHooks.LAUNCHES])
                        .isEqualTo(16);
                // One device buffer and one page-locked staging buffer for each of src and dst.
                assertWithMessage("device allocations, first call")
                        .that(between[StandInHooks.DEVICE_ALLOCS] - before[StandInHooks.DEVICE_ALLOCS]).isEqualTo(2);
                assertWithMessage("host allocations, first call")
                        .that(between[StandInHooks.HOST_ALLOCS] - before[StandInHooks.HOST_ALLOCS]).isEqualTo(2);
                assertWithMessage("device allocations, second call")
                        .that(after[StandInHooks.DEVICE_ALLOCS] - between[StandInHooks.DEVICE_ALLOCS]).isEqualTo(0);
                assertWithMessage("host allocations, second call")
                        .that(after[StandInHooks.HOST_ALLOCS] - between[StandInHooks.HOST_ALLOCS]).isEqualTo(0);
            }
            GpuTestImages.assertBitwise("cross1", dst, TestKernels.cross(1, src));
        } finally {
            gpu.close();
        }
    }

    /**
     * The GPU's first HLOP hangs in its kernel; the watchdog re-runs it on the CPU (whose body here is a
     * different formula, so a late GPU write would show) and, once the kernel is let go, the GPU's result
     * reaches host staging but never the output.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aLateGpuResultIsRefusedAfterTheWatchdogMovedItsHlop() throws Exception {
        GpuDevice gpu = GpuUnderTest.open(1);
        try {
            assumeTrue(GpuUnderTest.isStandIn(gpu), "holds kernels through the stand-in's hooks");
            FloatMatrix src = GpuTestImages.image(256, 256, 6).withBorder(Border.REFLECT_101);
            FloatMatrix expected = TestKernels.cross(2, src);
            FloatMatrix dst = FloatMatrix.create(256, 256);
            VopCall call = VopCall.builder("cross1", Partition.TILE_2D).shape(256, 256).halo(1)
                    .border(Border.REFLECT_101).tileHint(64, 64)
                    .arg("src", VopCall.Role.IN, src).arg("dst", VopCall.Role.OUT, dst)
                    .cpu(region -> {
                        dst.region(region).copyFrom(expected.region(region));
                        return null;
                    })
                    .implementation(GpuKernelRef.class, TestKernels.ref("cross1")).build();
            StandInHooks.holdKernels(true);
            long syncsBeforeRelease;
            Region hung;
            try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(1)).addDevice(gpu)
                    .policy("even").watchdog(WatchdogSettings.of(5, Duration.ofMillis(100), Duration.ofMillis(500)))
                    .build()) {
                Report report;
                try {
                    report = rt.execute(call);
                    syncsBeforeRelease = StandInHooks.stats()[StandInHooks.SYNCHRONIZES];
                } finally {
                    StandInHooks.holdKernels(false);
                }
                Report.HlopRecord moved = report.hlops().stream().filter(h -> !h.failures().isEmpty()).findFirst()
                        .orElseThrow(() -> new AssertionError("no HLOP was moved off the hung GPU: " + report.hlops()));
                hung = moved.region();
                assertWithMessage("the hung HLOP ran on").that(moved.device()).isEqualTo("cpu");
                assertWithMessage("its failure").that(moved.failures().get(0))
                        .startsWith("gpu: java.util.concurrent.TimeoutException: watchdog: no result after ");
                assertWithMessage("every HLOP ran on").that(report.hlopsOn("cpu")).isEqualTo(report.hlops().size());
                // The released kernel finishes and the device synchronizes its stream, then asks to claim.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (StandInHooks.stats()[StandInHooks.SYNCHRONIZES] == syncsBeforeRelease) {
                    assertWithMessage("the GPU's stream synchronized after release").that(System.nanoTime())
                            .isLessThan(deadline);
                    Thread.sleep(10);
                }
                Thread.sleep(300); // the claim and a write-back, had it been allowed, take microseconds
            }
            GpuTestImages.assertBitwise("output after the late GPU result (hung tile " + hung + ")", dst, expected);
        } finally {
            StandInHooks.holdKernels(false);
            gpu.close();
        }
    }

    @Test
    void aPitchBelowTheRowWidthIsRefusedNamingTheCall() {
        GpuDevice gpu = GpuUnderTest.open(1);
        try {
            assumeTrue(GpuUnderTest.isStandIn(gpu), "the stand-in checks pitches");
            gpu.context().makeCurrent();
            CudaDriver cu = gpu.context().driver();
            ArgBuffer b = new ArgBuffer(cu);
            long[] stream = new long[1];
            cu.check(cu.cuStreamCreate(stream, 0), "cuStreamCreate");
            try {
                b.host(64L * 8);
                long pitch = b.matrix(64, 8);
                CudaDriver.Copy2D copy = cu.newCopy2D();
                // rows of 64 floats said to be 32 apart
                GpuException e = assertThrows(GpuException.class, () -> cu.check(copy.copyAsync(true, b.hostAddress(),
                        32L * Float.BYTES, b.device(), pitch, 64L * Float.BYTES, 8, stream[0]),
                        "cuMemcpy2DAsync(host to device)"));
                assertThat(e).hasMessageThat().isEqualTo("cuMemcpy2DAsync(host to device) failed: CUDA_ERROR_INVALID_VALUE:"
                        + " cuMemcpy2DAsync: source pitch 128 is smaller than WidthInBytes 256");
            } finally {
                cu.cuStreamDestroy(stream[0]);
                b.close();
            }
        } finally {
            gpu.close();
        }
    }

    @Test
    void copiesPastAnAllocationAndIntoFreedMemoryAreRefused() {
        GpuDevice gpu = GpuUnderTest.open(1);
        try {
            assumeTrue(GpuUnderTest.isStandIn(gpu), "the stand-in checks bounds");
            gpu.context().makeCurrent();
            CudaDriver cu = gpu.context().driver();
            long[] p = new long[1];
            cu.check(cu.cuMemAlloc(p, 1000), "cuMemAlloc");
            float[] host = new float[300];
            GpuException past = assertThrows(GpuException.class,
                    () -> cu.check(cu.cuMemcpyHtoD(p[0], host, 1200), "cuMemcpyHtoD"));
            assertThat(past).hasMessageThat().endsWith(
                    "destination: 1200 bytes from offset 0 run past the end of its 1000-byte allocation");
            cu.check(cu.cuMemFree(p[0]), "cuMemFree");
            GpuException freed = assertThrows(GpuException.class,
                    () -> cu.check(cu.cuMemcpyHtoD(p[0], host, 400), "cuMemcpyHtoD"));
            assertThat(freed).hasMessageThat().contains("cuMemcpyHtoD: destination 0x");
            assertThat(freed).hasMessageThat().endsWith("lies in memory already freed");
        } finally {
            gpu.close();
        }
    }

    @Test
    void anEntryTheModuleLacksIsNamed() {
        GpuDevice gpu = GpuUnderTest.open(1);
        try {
            gpu.context().makeCurrent();
            GpuException e = assertThrows(GpuException.class,
                    () -> gpu.context().modules().function(getClass().getClassLoader(), TestKernels.PTX, "cross3"));
            assertThat(e).hasMessageThat().startsWith("cuModuleGetFunction(cross3 in " + TestKernels.PTX + ") failed: "
                    + "CUDA_ERROR_NOT_FOUND");
            if (GpuUnderTest.isStandIn(gpu)) {
                assertThat(e).hasMessageThat().endsWith("no entry 'cross3' in the module (it has bins16, cross1, cross2,"
                        + " where_at)");
            }
        } finally {
            gpu.close();
        }
    }

    /**
     * A result read from page-locked staging before the stream is synchronized: the stand-in fills the
     * destination with NaN when the copy is queued, so such a read sees NaN, whatever the timing.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void stagingReadBeforeSynchronizeHoldsNaNNotTheLastResult() throws Exception {
        GpuDevice gpu = GpuUnderTest.open(1);
        try {
            assumeTrue(GpuUnderTest.isStandIn(gpu), "holds kernels through the stand-in's hooks");
            gpu.context().makeCurrent();
            GpuStream s = new GpuStream(gpu.context().driver());
            FloatMatrix src = GpuTestImages.image(64, 64, 8).withBorder(Border.REFLECT_101);
            FloatMatrix dst = FloatMatrix.create(64, 64);
            VopCall call = TestKernels.cross(1, src, dst, 64, 64);
            Region whole = new Region(0, 0, 64, 64);
            Runnable run = () -> {
                gpu.context().makeCurrent();
                s.run(gpu.context().modules().function(getClass().getClassLoader(), TestKernels.PTX, "cross1"),
                        GpuKernel.Launch.PER_CELL, null, call, whole, () -> true);
            };
            try {
                run.run();
                FloatBuffer staging = s.stagingOf(1);
                assertThat(staging.get(0)).isEqualTo(dst.get(0, 0)); // the last result, read after synchronizing
                StandInHooks.holdKernels(true);
                Thread t = new Thread(run);
                t.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                // The stand-in poisons the staging row by row while the copy is being queued: wait for the last.
                int last = staging.capacity() - 1;
                while (!Float.isNaN(staging.get(0)) || !Float.isNaN(staging.get(last))) {
                    assertWithMessage("the output staging was filled with NaN").that(System.nanoTime()).isLessThan(deadline);
                    Thread.onSpinWait();
                }
                assertThat(Float.floatToRawIntBits(staging.get(last))).isEqualTo(0x7fc0dead);
                StandInHooks.holdKernels(false);
                t.join(30_000);
                GpuTestImages.assertBitwise("cross1", dst, TestKernels.cross(1, src));
            } finally {
                StandInHooks.holdKernels(false);
                s.close();
            }
        } finally {
            gpu.close();
        }
    }

    /**
     * A REDUCE call whose kernel declares no partial result (a hand-built binding; the processor refuses
     * such a {@code @GpuKernel}) is declined, and the report of a call that ran elsewhere says why in the
     * gpu's words.
     */
    @Test
    void aReduceKernelWithoutAPartialResultIsDeclinedWithTheReason() {
        GpuDevice gpu = GpuUnderTest.open(1);
        try {
            FloatArray px = FloatArray.create(4096);
            VopCall call = VopCall.builder("Bins.count16", Partition.REDUCE).length(px.length())
                    .arg("values", VopCall.Role.IN, px)
                    .cpu(region -> 0L)
                    .<Long>combiner(Long::sum)
                    .implementation(GpuKernelRef.class, TestKernels.ref("bins16"))
                    .build();
            assertThat(gpu.supports(call)).isFalse();
            assertThat(gpu.whyNot(call)).isEqualTo("Bins.count16 is a REDUCE, but its kernel bins16 declares"
                    + " no partial result (@GpuKernel partialLength) for the GPU to zero, pass and read back");
            try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(1))
                    .addDevice(gpu).policy("ws").build()) {
                Report report = rt.execute(call);
                assertThat(report.hlopsOn("gpu")).isEqualTo(0);
                DeviceInfo why = report.unavailable().stream().filter(d -> d.name().equals("gpu")).findFirst()
                        .orElseThrow();
                assertThat(why.cause()).contains("declares no partial result");
            }
        } finally {
            gpu.close();
        }
    }
}
