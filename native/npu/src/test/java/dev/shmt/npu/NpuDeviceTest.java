package dev.shmt.npu;

import static com.google.common.truth.Truth.assertThat;

import dev.shmt.api.Region;
import dev.shmt.api.Report;
import dev.shmt.api.npu.NpuInterpreter;
import dev.shmt.runtime.ShmtRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The NPU device on TFLite's CPU kernels: stencil accuracy, model and interpreter caching, reporting. */
class NpuDeviceTest {
    @AfterEach
    void clear() {
        System.clearProperty(NpuMode.PROPERTY);
    }

    @Test
    void stencilOn512TileMatchesCpuWithinItsQuantizationError() throws Exception {
        System.setProperty(NpuMode.PROPERTY, "tflite-cpu");
        StencilFixture f = new StencilFixture(512, 512, 512);
        try (NpuDevice npu = NpuDevice.detect(1)) {
            Region whole = new Region(0, 0, 512, 512);
            f.kernel.run(npu.context(), f.call, whole);
            NpuInterpreter it = npu.context().interpreter(f.kernel.getClass().getName() + "@512x512", () -> {
                throw new AssertionError("the model must already be cached");
            });
            double bound = StencilFixture.bound(it.input(0), it.output(0));
            double err = f.maxError();
            assertThat(err).isAtMost(bound);
            // The bound is meaningful: a few output steps, not a range-wide tolerance.
            assertThat(bound).isLessThan(0.05);
            assertThat(err).isGreaterThan(0.0); // int8 really ran: exact agreement would mean float
            assertThat(npu.modelCount()).isEqualTo(1);
        }
    }

    @Test
    void tilesReuseOneModelPerShapeAndOneInterpreterPerThread() {
        System.setProperty(NpuMode.PROPERTY, "tflite-cpu");
        // 300 x 300 in 128-tiles: shapes 128x128, 128x44, 44x128, 44x44; 9 HLOPs on 2 worker threads.
        StencilFixture f = new StencilFixture(300, 300, 128);
        NpuDevice npu = NpuDevice.detect(2);
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(npu).policy("single:npu").build()) {
            Report first = rt.execute(f.call);
            Report second = rt.execute(f.call);
            assertThat(first.hlops()).hasSize(9);
            assertThat(first.hlopsOn("npu")).isEqualTo(9);
            assertThat(second.hlopsOn("npu")).isEqualTo(9);
            assertThat(npu.modelCount()).isEqualTo(4);
            assertThat(npu.interpreterCount()).isAtMost(4 * 2);
            assertThat(npu.interpreterCount()).isAtLeast(4);
            // Halos and borders across tiles come out right: same bound as one whole tile.
            assertThat(f.maxError()).isLessThan(0.05);
            assertThat(first.toTable()).contains("tflite-cpu: Edge TPU not tried");
        }
    }
}
