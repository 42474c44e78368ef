package dev.shmt.npu;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Partition;
import dev.shmt.api.Region;
import dev.shmt.api.Report;
import dev.shmt.api.VopCall;
import dev.shmt.api.WatchdogSettings;
import dev.shmt.api.npu.NpuContext;
import dev.shmt.api.npu.NpuKernel;
import dev.shmt.npu.kernels.StencilKernel;
import dev.shmt.npu.kernels.StencilModel;
import dev.shmt.npu.quant.ValueRange;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.device.CpuDevice;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real NPU device (TFLite) hanging on its first HLOP: the watchdog re-runs that tile on the CPU,
 * and when the NPU kernel finally returns, its int8 result never reaches the caller's output.
 */
class NpuWatchdogTest {
    private static final int SIZE = 128;
    private static final int TILE = 32;

    /** Sharpen on the NPU whose first HLOP blocks until released, as a stalled Edge TPU would. */
    static final class HangingSharpen extends StencilKernel {
        final AtomicBoolean hungOnce = new AtomicBoolean();
        final CountDownLatch hung = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch returned = new CountDownLatch(1);
        volatile Region hungRegion;

        HangingSharpen() {
            super(new StencilModel(StencilFixture.WEIGHTS, 3, new ValueRange(0f, 1f)));
        }

        @Override
        public Object run(NpuContext npu, VopCall call, Region region) {
            if (!hungOnce.compareAndSet(false, true)) {
                return super.run(npu, call, region);
            }
            hungRegion = region;
            hung.countDown();
            try {
                release.await();
                return super.run(npu, call, region);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } finally {
                returned.countDown();
            }
        }
    }

    private static void sharpen(FloatMatrix src, FloatMatrix dst) {
        float[] w = StencilFixture.WEIGHTS;
        for (int r = 0; r < dst.rows(); r++) {
            for (int c = 0; c < dst.cols(); c++) {
                float s = 0;
                for (int dr = -1; dr <= 1; dr++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        s += w[(dr + 1) * 3 + dc + 1] * src.get(r + dr, c + dc);
                    }
                }
                dst.set(r, c, s);
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aHungNpuHlopIsReRunOnTheCpuAndItsLateResultDiscarded() throws Exception {
        SplittableRandom rnd = new SplittableRandom(7);
        FloatMatrix src = FloatMatrix.create(SIZE, SIZE);
        for (int r = 0; r < SIZE; r++) {
            for (int c = 0; c < SIZE; c++) {
                src.set(r, c, (float) rnd.nextDouble());
            }
        }
        FloatMatrix exact = FloatMatrix.create(SIZE, SIZE);
        sharpen(src, exact);
        FloatMatrix dst = FloatMatrix.create(SIZE, SIZE);
        HangingSharpen kernel = new HangingSharpen();
        VopCall call = VopCall.builder("sharpen", Partition.TILE_2D).shape(SIZE, SIZE).halo(1).border(Border.CLAMP)
                .tileHint(TILE, TILE).arg("src", VopCall.Role.IN, src).arg("dst", VopCall.Role.OUT, dst)
                .cpu(region -> {
                    sharpen(src.tile(region, 1), dst.region(region));
                    return null;
                })
                .implementation(NpuKernel.class, kernel).build();
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(1))
                .addDevice(NpuDevice.detect(1)).policy("even")
                .watchdog(WatchdogSettings.of(5, Duration.ofMillis(100), Duration.ofMillis(500))).build()) {
            Report report = rt.execute(call);
            Region hung = kernel.hungRegion;
            Report.HlopRecord record = report.hlops().stream().filter(h -> h.region().equals(hung)).findFirst()
                    .orElseThrow();
            assertWithMessage("the hung tile ran on").that(record.device()).isEqualTo("cpu");
            assertWithMessage("its failure").that(record.failures().get(0))
                    .startsWith("npu: java.util.concurrent.TimeoutException: watchdog: no result after ");
            assertWithMessage("quarantined").that(report.quarantined().get(0).name()).isEqualTo("npu");
            assertTileEquals(dst, exact, hung, "after the call");

            kernel.release.countDown();
            assertWithMessage("the NPU kernel returned").that(kernel.returned.await(60, TimeUnit.SECONDS)).isTrue();
            assertTileEquals(dst, exact, hung, "after the late NPU result");
        }
    }

    private static void assertTileEquals(FloatMatrix dst, FloatMatrix exact, Region tile, String when) {
        for (int r = tile.row(); r < tile.row() + tile.rows(); r++) {
            for (int c = tile.col(); c < tile.col() + tile.cols(); c++) {
                if (Float.compare(dst.get(r, c), exact.get(r, c)) != 0) {
                    throw new AssertionError(when + ": (" + r + ", " + c + ") = " + dst.get(r, c) + ", the CPU gives "
                            + exact.get(r, c));
                }
            }
        }
    }
}
