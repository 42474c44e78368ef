package dev.shmt.apps.histogram;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shmt.api.DeviceInfo;
import dev.shmt.api.FloatArray;
import dev.shmt.api.Report;
import dev.shmt.gpu.GpuDevice;
import dev.shmt.npu.NpuDevice;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.device.CpuDevice;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Histogram#hist256}: exact, so the CPU body equals the plain count on any data (out-of-range values
 * and NaN dropped), and chunked runs through the runtime equal the whole call for any chunk size; the
 * combiner leaves its arguments alone; the NPU declines the VOP with its reason; on a GPU, when there is
 * one, the bins equal the reference.
 */
class HistogramTest {
    /** Pixels mostly in [0, 256), with values just outside, NaN, infinities, -0.0, and runs of one value. */
    static float[] pixels(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f, -Float.MIN_VALUE,
            Float.MIN_VALUE, Math.nextDown(256f), 256f, Math.nextDown(0f), 255f, 1f, 0.99999994f, -1f, 300f};
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            int k = rnd.nextInt(10);
            if (k == 0) {
                a[i] = special[rnd.nextInt(special.length)];
            } else if (k < 4 && i > 0) {
                a[i] = a[i - 1];
            } else {
                a[i] = (float) rnd.nextDouble(-4, 260);
            }
        }
        return a;
    }

    @Test
    void cpuBodyEqualsThePlainCountOnViewsOfEveryLength() {
        for (int n : new int[] {1, 2, 3, 4, 5, 7, 8, 255, 1023, 100_003}) {
            float[] a = pixels(n + 9, n);
            for (int offset : new int[] {0, 3}) {
                long[] got = Histogram.hist256(FloatArray.wrap(a, offset, n));
                long[] ref = Histogram.reference(a, offset, n);
                assertWithMessage("hist256 of %s pixels at offset %s", n, offset).that(got).isEqualTo(ref);
            }
        }
    }

    @Test
    void outOfRangeAndNanAreDroppedAndBinsAreFloors() {
        float[] a = {Float.NaN, -1e-45f, -0f, 0f, 0.5f, 1f, 254.99998f, Math.nextDown(256f), 256f,
            Float.POSITIVE_INFINITY, -3f};
        long[] got = Histogram.hist256(FloatArray.wrap(a));
        long[] want = new long[Histogram.BINS];
        want[0] = 3; // -0.0, 0, 0.5
        want[1] = 1;
        want[254] = 1;
        want[255] = 1;
        assertThat(got).isEqualTo(want);
        assertThat(Arrays.stream(got).sum()).isEqualTo(6);
    }

    @Test
    void chunkedThroughTheRuntimeEqualsTheWholeCallForSeveralChunkSizes() {
        int n = 1 << 18; // 262144 pixels: 256 pages of 1024 floats
        float[] a = pixels(n + 5, 11);
        FloatArray px = FloatArray.wrap(a, 5, n);
        long[] whole = Histogram.hist256(px);
        assertThat(whole).isEqualTo(Histogram.reference(a, 5, n));
        // Chunks are cut in whole 4 KiB pages: 1024 floats is the smallest; 3000 rounds up to 3072 (a ragged
        // last chunk); n is one HLOP.
        for (int chunk : new int[] {1024, 3000, 65_536, n}) {
            try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(2))
                    .chunkHint(chunk).build()) {
                Report report = HistogramVops.hist256WithReport(rt, px);
                int pages = (chunk + 1023) / 1024;
                int hlops = (n + pages * 1024 - 1) / (pages * 1024);
                assertWithMessage("HLOPs at chunk %s", chunk).that(report.hlops()).hasSize(hlops);
                assertWithMessage("chunked (%s) against whole", chunk).that((long[]) report.result()).isEqualTo(whole);
            }
        }
    }

    @Test
    void combinerAddsBinsIntoANewArray() {
        long[] a = Histogram.reference(pixels(500, 1), 0, 500);
        long[] b = Histogram.reference(pixels(700, 2), 0, 700);
        long[] c = Histogram.reference(pixels(900, 3), 0, 900);
        long[] a0 = a.clone();
        long[] b0 = b.clone();
        long[] ab = Histogram.add(a, b);
        assertThat(a).isEqualTo(a0);
        assertThat(b).isEqualTo(b0);
        assertThat(ab).isNotSameInstanceAs(a);
        for (int k = 0; k < Histogram.BINS; k++) {
            assertThat(ab[k]).isEqualTo(a[k] + b[k]);
        }
        assertThat(Histogram.add(Histogram.add(a, b), c)).isEqualTo(Histogram.add(a, Histogram.add(b, c)));
    }

    /** On a real GPU; HistogramOnGpuTest runs the GPU path, with more cases, against the host CUDA stand-in. */
    @Test
    void gpuBinsEqualTheReference() {
        float[] a = pixels(100_003, 9);
        GpuDevice gpu = GpuDevice.detect(2).get(0);
        try {
            assumeTrue(gpu.status().isAvailable(), "no GPU: " + gpu.status().cause());
            try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(gpu).policy("single:gpu")
                    .chunkHint(16_384).build()) {
                Report report = HistogramVops.hist256WithReport(rt, FloatArray.wrap(a));
                assertWithMessage("HLOPs on the gpu").that(report.hlopsOn("gpu")).isEqualTo(7);
                assertWithMessage("bins").that((long[]) report.result()).isEqualTo(Histogram.reference(a, 0, a.length));
            }
        } finally {
            gpu.close();
        }
    }

    @Test
    void npuDeclinesTheVopWithItsReason() {
        System.setProperty("shmt.npu", "tflite-cpu");
        float[] a = pixels(8192, 4);
        FloatArray px = FloatArray.wrap(a);
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(1))
                .addDevice(NpuDevice.detect(1)).policy("ws").chunkHint(1024).build()) {
            Report report = HistogramVops.hist256WithReport(rt, px);
            assertThat((long[]) report.result()).isEqualTo(Histogram.reference(a, 0, a.length));
            assertThat(report.hlopsOn("npu")).isEqualTo(0);
            DeviceInfo npu = report.unavailable().stream().filter(d -> d.name().equals("npu")).findFirst().orElseThrow();
            assertThat(npu.cause()).isEqualTo("no int8 form of Histogram.hist256: " + HistogramNpu.REASON);
        }
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(NpuDevice.detect(1))
                .policy("single:npu").build()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> HistogramVops.hist256(rt, px));
            assertThat(e).hasMessageThat().contains(HistogramNpu.REASON);
        }
    }
}
