package dev.shmt.apps.histogram;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.shmt.api.FloatArray;
import dev.shmt.api.Report;
import dev.shmt.gpu.GpuUnderTest;
import dev.shmt.runtime.RuntimeBuilder;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.device.CpuDevice;
import org.junit.jupiter.api.Test;

/**
 * {@link Histogram#hist256} on the gpu device (its {@code histogram256} kernel adding into a zeroed partial
 * of 256 counters per HLOP), alone and beside the CPU: the bins equal {@link Histogram#reference} exactly,
 * with out-of-range values, infinities and NaN dropped, on views at an offset and chunks of odd lengths.
 * Runs in Maven's {@code gpu} execution, against the host CUDA driver stand-in or a real GPU
 * ({@link GpuUnderTest}).
 */
class HistogramOnGpuTest {
    @Test
    void gpuChunksEqualTheReference() {
        for (int streams : new int[] {1, 2}) {
            // The default chunk (64 pages, 65536 pixels) cut to the data: n = 1 and 1023 are one short chunk,
            // 131073 ends in a chunk of one pixel. A chunk hint of 3000 rounds up to 3072: 100003 pixels are
            // 32 chunks and one of 1699.
            check(streams, 0, 1, 1);
            check(streams, 0, 1023, 1);
            check(streams, 0, 2 * 65_536 + 1, 3);
            check(streams, 3000, 100_003, 33);
        }
    }

    private static void check(int streams, int chunkHint, int n, int hlops) {
        RuntimeBuilder b = ShmtRuntime.builder().discoverDevices(false).addDevice(GpuUnderTest.open(streams))
                .policy("single:gpu");
        try (ShmtRuntime rt = (chunkHint > 0 ? b.chunkHint(chunkHint) : b).build()) {
            float[] a = HistogramTest.pixels(n + 7, n);
            Report report = HistogramVops.hist256WithReport(rt, FloatArray.wrap(a, 7, n));
            assertWithMessage("HLOPs of %s pixels on the gpu", n).that(report.hlopsOn("gpu")).isEqualTo(hlops);
            assertWithMessage("bins of %s pixels, %s stream(s)", n, streams).that((long[]) report.result())
                    .isEqualTo(Histogram.reference(a, 7, n));
        }
    }

    @Test
    void cpuAndGpuTogetherEqualTheReference() {
        float[] a = HistogramTest.pixels(1 << 18, 21);
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(1))
                .addDevice(GpuUnderTest.open(2)).policy("even").chunkHint(4096).build()) {
            Report report = HistogramVops.hist256WithReport(rt, FloatArray.wrap(a));
            assertThat(report.hlopsOn("gpu")).isGreaterThan(0);
            assertThat(report.hlopsOn("cpu")).isGreaterThan(0);
            assertThat((long[]) report.result()).isEqualTo(Histogram.reference(a, 0, a.length));
        }
    }

    /** Only values that are no bin: every partial is zeros, on the GPU as on the CPU. */
    @Test
    void pixelsOutsideEveryBinCountNowhere() {
        float[] a = new float[5000];
        float[] outside = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 256f, -1e-30f, 1e9f};
        for (int i = 0; i < a.length; i++) {
            a[i] = outside[i % outside.length];
        }
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(GpuUnderTest.open(1))
                .policy("single:gpu").chunkHint(1024).build()) {
            assertThat(HistogramVops.hist256(rt, FloatArray.wrap(a))).isEqualTo(new long[Histogram.BINS]);
        }
    }
}
