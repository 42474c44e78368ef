package dev.shmt.apps.cuda;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.shmt.api.FloatArray;
import dev.shmt.api.GpuKernel;
import dev.shmt.api.Partition;
import dev.shmt.api.Report;
import dev.shmt.api.VopCall;
import dev.shmt.api.gpu.GpuKernelRef;
import dev.shmt.gpu.GpuDevice;
import dev.shmt.gpu.GpuUnderTest;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.device.CpuDevice;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The histogram kernel as a REDUCE on the gpu device: histogram256 (src/main/cuda/dev/shmt/apps/histogram/
 * histogram.cu) gets each chunk and a zeroed partial of 256 unsigned counters, which the device returns as
 * {@code long[]}; the runtime adds them. The count here is Histogram.reference written out, so the kernel is
 * checked apart from the VOP; HistogramOnGpuTest runs the VOP itself, native/gpu's GpuReduceOnGpuTest the
 * device's REDUCE path. Runs in Maven's {@code gpu} executions against the host CUDA driver stand-in, or on a
 * real GPU (see {@link GpuUnderTest}).
 */
class GpuReduceOnGpuTest {
    static final GpuKernelRef HISTOGRAM = new GpuKernelRef(GpuDevice.class,
            "dev/shmt/apps/histogram/histogram.ptx", "histogram256", GpuKernel.Launch.PER_CELL,
            new GpuKernelRef.Partial(GpuKernel.PartialType.UINT32, 256, long[].class));

    /** Bins [k, k + 1) of 0 ... 255; other values and NaN count nowhere. */
    static long[] count(float[] a, int from, int n) {
        long[] bins = new long[256];
        for (int i = from; i < from + n; i++) {
            if (a[i] >= 0f && a[i] < 256f) {
                bins[(int) a[i]]++;
            }
        }
        return bins;
    }

    static long[] add(long[] a, long[] b) {
        long[] s = new long[256];
        for (int k = 0; k < 256; k++) {
            s[k] = a[k] + b[k];
        }
        return s;
    }

    /** Values from -4 to 260, with NaN, infinities, -0.0, values next to 0 and 256, and runs of one value. */
    static float[] pixels(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, Math.nextDown(256f), 256f,
            Math.nextDown(0f), Float.MIN_VALUE, 255f};
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            int k = rnd.nextInt(10);
            a[i] = k == 0 ? special[rnd.nextInt(special.length)] : k < 4 && i > 0 ? a[i - 1]
                    : (float) rnd.nextDouble(-4, 260);
        }
        return a;
    }

    private static VopCall histogram(FloatArray px, int chunk) {
        return VopCall.builder("histogram256", Partition.REDUCE).length(px.length()).chunkHint(chunk)
                .arg("pixels", VopCall.Role.IN, px)
                .cpu(region -> count(px.array(), px.offset() + region.start(), region.length()))
                .<long[]>combiner(GpuReduceOnGpuTest::add)
                .implementation(GpuKernelRef.class, HISTOGRAM).build();
    }

    /** Views at an offset, lengths that leave a short last chunk, 1 and 2 streams. */
    @Test
    void histogramChunksOnTheGpuAddUpToTheCount() {
        for (int streams : new int[] {1, 2}) {
            GpuDevice gpu = GpuUnderTest.open(streams);
            try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(gpu).policy("single:gpu")
                    .build()) {
                for (int n : new int[] {1, 1023, 5 * 1024 + 77}) {
                    float[] a = pixels(n + 13, n);
                    FloatArray px = FloatArray.wrap(a, 13, n);
                    Report report = rt.execute(histogram(px, 1024));
                    assertWithMessage("HLOPs of %s pixels on the gpu", n).that(report.hlopsOn("gpu"))
                            .isEqualTo((n + 1023) / 1024);
                    assertWithMessage("bins of %s pixels, %s streams", n, streams).that((long[]) report.result())
                            .isEqualTo(count(a, 13, n));
                }
            }
        }
    }

    @Test
    void histogramOnCpuAndGpuTogetherAddsUpToTheCount() {
        GpuDevice gpu = GpuUnderTest.open(1);
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(1)).addDevice(gpu)
                .policy("even").build()) {
            float[] a = pixels(40 * 1024 + 5, 7);
            Report report = rt.execute(histogram(FloatArray.wrap(a), 2048));
            assertThat(report.hlopsOn("gpu")).isGreaterThan(0);
            assertThat(report.hlopsOn("cpu")).isGreaterThan(0);
            assertThat((long[]) report.result()).isEqualTo(count(a, 0, a.length));
        }
    }
}
