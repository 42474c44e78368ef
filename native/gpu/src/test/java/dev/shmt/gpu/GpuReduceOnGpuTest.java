package dev.shmt.gpu;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shmt.api.FloatArray;
import dev.shmt.api.Partition;
import dev.shmt.api.Report;
import dev.shmt.api.VopCall;
import dev.shmt.api.gpu.GpuKernelRef;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.device.CpuDevice;
import org.junit.jupiter.api.Test;

/**
 * REDUCE calls on the gpu device: the test kernel bins16 (src/test/cuda/dev/shmt/gpu/test_kernels.cu) gets each
 * chunk and a zeroed partial of 16 unsigned counters, which the device returns as {@code long[]}; the runtime
 * adds them. samples/apps runs its histogram kernel the same way. Runs in Maven's {@code gpu} executions
 * against the host CUDA driver stand-in, or on a real GPU (see {@link GpuUnderTest}).
 */
class GpuReduceOnGpuTest {
    private static VopCall bins16(FloatArray values, int chunk) {
        return VopCall.builder("bins16", Partition.REDUCE).length(values.length()).chunkHint(chunk)
                .arg("values", VopCall.Role.IN, values)
                .cpu(region -> TestKernels.count16(values.array(), values.offset() + region.start(), region.length()))
                .<long[]>combiner(TestKernels::add)
                .implementation(GpuKernelRef.class, TestKernels.BINS16).build();
    }

    /** Views at an offset, lengths that leave a short last chunk, 1 and 2 streams. */
    @Test
    void chunksOnTheGpuAddUpToTheCount() {
        for (int streams : new int[] {1, 2}) {
            GpuDevice gpu = GpuUnderTest.open(streams);
            try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(gpu).policy("single:gpu")
                    .build()) {
                for (int n : new int[] {1, 1023, 5 * 1024 + 77}) {
                    float[] a = TestKernels.values(n + 13, n);
                    FloatArray values = FloatArray.wrap(a, 13, n);
                    Report report = rt.execute(bins16(values, 1024));
                    assertWithMessage("HLOPs of %s values on the gpu", n).that(report.hlopsOn("gpu"))
                            .isEqualTo((n + 1023) / 1024);
                    assertWithMessage("bins of %s values, %s streams", n, streams).that((long[]) report.result())
                            .isEqualTo(TestKernels.count16(a, 13, n));
                }
            }
        }
    }

    @Test
    void chunksOnCpuAndGpuTogetherAddUpToTheCount() {
        GpuDevice gpu = GpuUnderTest.open(1);
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(1)).addDevice(gpu)
                .policy("even").build()) {
            float[] a = TestKernels.values(40 * 1024 + 5, 7);
            Report report = rt.execute(bins16(FloatArray.wrap(a), 2048));
            assertThat(report.hlopsOn("gpu")).isGreaterThan(0);
            assertThat(report.hlopsOn("cpu")).isGreaterThan(0);
            assertThat((long[]) report.result()).isEqualTo(TestKernels.count16(a, 0, a.length));
        }
    }

    /** The partial's buffers are the stream's: allocated on its first HLOP, reused by every later one. */
    @Test
    void thePartialBufferIsAllocatedOncePerStream() {
        GpuDevice gpu = GpuUnderTest.open(1);
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(gpu).policy("single:gpu")
                .build()) {
            assumeTrue(GpuUnderTest.isStandIn(gpu), "counts allocations through the stand-in's hooks");
            float[] a = TestKernels.values(16 * 1024, 3);
            long[] before = StandInHooks.stats();
            rt.execute(bins16(FloatArray.wrap(a), 1024));
            long[] between = StandInHooks.stats();
            rt.execute(bins16(FloatArray.wrap(a), 1024));
            long[] after = StandInHooks.stats();
            // The values' device and page-locked buffers, and the partial's.
            assertWithMessage("device allocations, first call of 16 HLOPs")
                    .that(between[StandInHooks.DEVICE_ALLOCS] - before[StandInHooks.DEVICE_ALLOCS]).isEqualTo(2);
            assertWithMessage("host allocations, first call of 16 HLOPs")
                    .that(between[StandInHooks.HOST_ALLOCS] - before[StandInHooks.HOST_ALLOCS]).isEqualTo(2);
            assertWithMessage("device allocations, second call")
                    .that(after[StandInHooks.DEVICE_ALLOCS] - between[StandInHooks.DEVICE_ALLOCS]).isEqualTo(0);
            assertWithMessage("host allocations, second call")
                    .that(after[StandInHooks.HOST_ALLOCS] - between[StandInHooks.HOST_ALLOCS]).isEqualTo(0);
        }
    }
}
