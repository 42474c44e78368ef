package dev.shmt.runtime;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Precision;
import dev.shmt.api.Report;
import dev.shmt.api.ShmtExecutionException;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.device.CpuDevice;
import dev.shmt.runtime.spi.Device;
import dev.shmt.runtime.testing.Images;
import dev.shmt.runtime.testing.PrecisionDevice;
import dev.shmt.runtime.testing.Stencils;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The QAWS policies end to end on the structured test image (64 tiles of 128 x 128, 12 of them with
 * edges), with test devices of chosen precision that all run the CPU kernel, so every output must still
 * equal the reference bit for bit.
 */
class QawsPolicyTest {
    private static final long MS = 1_000_000;
    private static final FloatMatrix IMAGE = Images.structured();
    private static final float[] REFERENCE = reference(IMAGE);

    private static float[] reference(FloatMatrix src) {
        FloatMatrix out = FloatMatrix.create(src.rows(), src.cols());
        Stencils.weighted(src, out, 1);
        return out.array();
    }

    private static ShmtRuntime runtime(String policy, Device... devices) {
        RuntimeBuilder b = ShmtRuntime.builder().discoverDevices(false).policy(policy);
        for (Device d : devices) {
            b.addDevice(d);
        }
        return b.build();
    }

    private static Report runStencil(ShmtRuntime rt, FloatMatrix dst) {
        return rt.execute(Images.stencil(IMAGE, dst, Images.TILE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"qaws-ls", "qaws-lu", "qaws-lr", "qaws-ts", "qaws-tu", "qaws-tr"})
    void everyVariantIsSelectedByNameScoresEveryTileAndKeepsTheResultExact(String policy) {
        try (ShmtRuntime rt = runtime(policy, new CpuDevice("cpu", 1),
                PrecisionDevice.of("int8", Precision.INT8, 0))) {
            assertWithMessage("policy name").that(rt.policy()).isEqualTo(policy);
            FloatMatrix dst = FloatMatrix.create(Images.SIZE, Images.SIZE);
            Report r = runStencil(rt, dst);
            assertWithMessage("%s output", policy).that(Arrays.equals(dst.array(), REFERENCE)).isTrue();
            assertWithMessage("%s scored", policy).that(r.scored()).isTrue();
            for (Report.HlopRecord h : r.hlops()) {
                assertWithMessage("%s HLOP %s criticality", policy, h.index())
                        .that(Double.isFinite(h.criticality())).isTrue();
                if (Images.hasEdge(h.index() / 8, h.index() % 8)) {
                    assertWithMessage("%s edge HLOP %s critical", policy, h.index()).that(h.critical()).isTrue();
                }
                if (h.critical()) {
                    assertWithMessage("%s critical HLOP %s device", policy, h.index()).that(h.device()).isEqualTo("cpu");
                }
            }
            assertWithMessage("%s sampling time", policy).that(r.samplingNanos()).isGreaterThan(0L);
            assertWithMessage("%s sampling share", policy).that(r.samplingShare()).isAtMost(1.0);
            assertWithMessage("%s table", policy).that(r.toTable())
                    .contains("critical: " + r.criticalHlops() + " of 64 HLOPs; non-finite samples: 0");
            assertWithMessage("%s hlop table marks", policy)
                    .that(r.hlopTable().lines().filter(l -> l.contains("* ")).count()).isEqualTo(r.criticalHlops());
        }
    }

    /**
     * The approximate device is fast and soon idle while the precise one still holds critical tiles:
     * it must wait rather than take them. The precise device may take the approximate one's work.
     */
    @ParameterizedTest
    @ValueSource(strings = {"qaws-ts", "qaws-ls"})
    void anIdleApproximateDeviceNeverTakesCriticalWork(String policy) {
        try (ShmtRuntime rt = runtime(policy, PrecisionDevice.of("exact", Precision.FP32, 3 * MS),
                PrecisionDevice.of("approx", Precision.INT8, 0))) {
            FloatMatrix dst = FloatMatrix.create(Images.SIZE, Images.SIZE);
            Report r = runStencil(rt, dst);
            assertWithMessage("output").that(Arrays.equals(dst.array(), REFERENCE)).isTrue();
            assertWithMessage("critical HLOPs").that(r.criticalHlops()).isAtLeast(12);
            for (Report.HlopRecord h : r.hlops()) {
                if (h.critical()) {
                    assertWithMessage("critical HLOP %s ran on", h.index()).that(h.device()).isEqualTo("exact");
                }
                if (h.stolen()) {
                    assertWithMessage("HLOP %s stolen by", h.index()).that(h.device()).isEqualTo("exact");
                    assertWithMessage("HLOP %s stolen from", h.index()).that(h.stolenFrom()).isEqualTo("approx");
                }
            }
            assertWithMessage("HLOPs on approx").that(r.hlopsOn("approx")).isAtMost(64 - r.criticalHlops());
        }
    }

    @Test
    void aMoreAccurateDeviceStealsFromALessAccurateOne() {
        try (ShmtRuntime rt = runtime("qaws-ts", PrecisionDevice.of("exact", Precision.FP32, 0),
                PrecisionDevice.of("approx", Precision.INT8, 3 * MS))) {
            FloatMatrix dst = FloatMatrix.create(Images.SIZE, Images.SIZE);
            Report r = runStencil(rt, dst);
            assertWithMessage("output").that(Arrays.equals(dst.array(), REFERENCE)).isTrue();
            // 48 non-critical tiles start on approx at 3 ms each; exact finishes its 16 long before.
            assertWithMessage("steals").that(r.steals()).isGreaterThan(0);
            for (Report.HlopRecord h : r.hlops()) {
                if (h.stolen()) {
                    assertWithMessage("HLOP %s stolen from", h.index()).that(h.stolenFrom()).isEqualTo("approx");
                    assertWithMessage("HLOP %s critical", h.index()).that(h.critical()).isFalse();
                }
            }
        }
    }

    @Test
    void aCriticalHlopWhosePreciseDeviceFailsIsNotReroutedToALessPreciseOne() {
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).policy("qaws-ts").criticalFraction(1)
                .addDevice(PrecisionDevice.failing("exact", Precision.FP32, i -> true))
                .addDevice(PrecisionDevice.of("approx", Precision.INT8, 0)).build()) {
            FloatMatrix dst = FloatMatrix.create(Images.SIZE, Images.SIZE);
            ShmtExecutionException e = assertThrows(ShmtExecutionException.class, () -> runStencil(rt, dst));
            assertWithMessage("message").that(e).hasMessageThat().contains("64 of 64 HLOPs could not run on any device");
            assertWithMessage("message").that(e).hasMessageThat()
                    .contains("approx: INT8 is less precise than this critical HLOP's floor FP32");
            assertWithMessage("cells written by the approximate device").that(countNonZero(dst.array())).isEqualTo(0);
        }
    }

    @Test
    void aCriticalHlopWhosePreciseDeviceFailsMovesToAnotherPreciseOne() {
        try (ShmtRuntime rt = runtime("qaws-ts", PrecisionDevice.failing("exact1", Precision.FP32, i -> true),
                PrecisionDevice.of("exact2", Precision.FP32, 0), PrecisionDevice.of("approx", Precision.INT8, 0))) {
            FloatMatrix dst = FloatMatrix.create(Images.SIZE, Images.SIZE);
            Report r = runStencil(rt, dst);
            assertWithMessage("output").that(Arrays.equals(dst.array(), REFERENCE)).isTrue();
            assertWithMessage("retries").that(r.retries()).isGreaterThan(0);
            for (Report.HlopRecord h : r.hlops()) {
                if (h.critical()) {
                    assertWithMessage("critical HLOP %s ran on", h.index()).that(h.device()).isEqualTo("exact2");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"qaws-ts", "qaws-lu", "qaws-tr"})
    void tilesWithNanOrInfinityAreCriticalAndReported(String policy) {
        FloatMatrix src = FloatMatrix.wrap(IMAGE.toArray(), Images.SIZE, Images.SIZE);
        for (int r = 0; r < Images.TILE; r++) {
            for (int c = 0; c < Images.TILE; c++) {
                src.set(r, c, Float.NaN); // tile 0
                src.set(r, Images.TILE * 2 + c, Float.POSITIVE_INFINITY); // tile 2
            }
        }
        try (ShmtRuntime rt = runtime(policy, PrecisionDevice.of("exact", Precision.FP32, 0),
                PrecisionDevice.of("approx", Precision.INT8, 0))) {
            Report r = rt.execute(Images.stencil(src, FloatMatrix.create(Images.SIZE, Images.SIZE), Images.TILE));
            for (int i : new int[] {0, 2}) {
                Report.HlopRecord h = r.hlops().get(i);
                assertWithMessage("%s HLOP %s critical", policy, i).that(h.critical()).isTrue();
                assertWithMessage("%s HLOP %s criticality", policy, i).that(h.criticality())
                        .isEqualTo(Double.POSITIVE_INFINITY);
                assertWithMessage("%s HLOP %s device", policy, i).that(h.device()).isEqualTo("exact");
            }
            for (Report.HlopRecord h : r.hlops()) {
                if (h.index() != 0 && h.index() != 2) {
                    assertWithMessage("%s HLOP %s criticality", policy, h.index())
                            .that(Double.isFinite(h.criticality())).isTrue();
                }
            }
            // Every sample of those two tiles is non-finite: at least the 32-sample minimum each.
            assertWithMessage("%s non-finite samples", policy).that(r.nonFiniteSamples()).isAtLeast(64L);
            assertWithMessage("%s table", policy).that(r.toTable())
                    .contains("non-finite samples: " + r.nonFiniteSamples());
        }
    }

    @Test
    void onlyInputViewsAreSampled() {
        FloatMatrix dst = FloatMatrix.create(Images.SIZE, Images.SIZE);
        Arrays.fill(dst.array(), Float.NaN); // an output full of NaN must not count
        try (ShmtRuntime rt = runtime("qaws-ts", new CpuDevice("cpu", 1))) {
            assertWithMessage("non-finite samples").that(runStencil(rt, dst).nonFiniteSamples()).isEqualTo(0L);
        }
    }

    @Test
    void kComesFromTheVopHintElseTheRuntimeAndWindowsSplitTheCount() {
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice("cpu", 1))
                .policy("qaws-ts").criticalFraction(0.25).build()) {
            FloatMatrix dst = FloatMatrix.create(Images.SIZE, Images.SIZE);
            assertWithMessage("runtime K 0.25 of 64").that(runStencil(rt, dst).criticalHlops()).isEqualTo(16);
            VopCall hinted = VopCall.builder("hinted", dev.shmt.api.Partition.TILE_2D).shape(Images.SIZE, Images.SIZE)
                    .halo(1).tileHint(Images.TILE, Images.TILE).criticalFraction(0.5)
                    .arg("src", VopCall.Role.IN, IMAGE).cpu(region -> null).build();
            assertWithMessage("VOP hint K 0.5 of 64").that(rt.execute(hinted).criticalHlops()).isEqualTo(32);
        }
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice("cpu", 1))
                .policy("qaws-tu").criticalFraction(0.25).window(7).build()) {
            // Nine full windows of 7 mark ceil(1.75) = 2 each; the last window of 1 marks ceil(0.25) = 1.
            assertWithMessage("K 0.25, W 7, 64 HLOPs").that(runStencil(rt, FloatMatrix.create(Images.SIZE, Images.SIZE))
                    .criticalHlops()).isEqualTo(19);
        }
    }

    @Test
    void uniformSamplingIsReproducibleBySeed() {
        double[] first = scores("qaws-tu", 1);
        double[] again = scores("qaws-tu", 1);
        double[] other = scores("qaws-tu", 2);
        assertWithMessage("same seed").that(again).isEqualTo(first);
        assertWithMessage("another seed").that(Arrays.equals(other, first)).isFalse();
    }

    private static double[] scores(String policy, long seed) {
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice("cpu", 1))
                .policy(policy).samplingSeed(seed).build()) {
            return runStencil(rt, FloatMatrix.create(Images.SIZE, Images.SIZE)).hlops().stream()
                    .mapToDouble(Report.HlopRecord::criticality).toArray();
        }
    }

    @Test
    void builderRefusesBadSettingsByName() {
        RuntimeBuilder b = ShmtRuntime.builder();
        assertWithMessage("rate").that(assertThrows(IllegalArgumentException.class, () -> b.samplingRate(2)))
                .hasMessageThat().contains("samplingRate must be in (0, 1]");
        assertWithMessage("K").that(assertThrows(IllegalArgumentException.class, () -> b.criticalFraction(-0.5)))
                .hasMessageThat().contains("criticalFraction (K) must be in [0, 1], got -0.5");
        assertWithMessage("W").that(assertThrows(IllegalArgumentException.class, () -> b.window(-1)))
                .hasMessageThat().contains("window (W) must be >= 1");
    }

    @Test
    void oracleSendsTheTilesWithTheLargestRealErrorToThePreciseDevice() {
        float step = 8f;
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).policy("oracle").criticalFraction(0.25)
                .addDevice(new CpuDevice("exact", 1))
                .addDevice(PrecisionDevice.rounding("approx", Precision.INT8, step)).build()) {
            FloatMatrix dst = FloatMatrix.create(Images.SIZE, Images.SIZE);
            Report r = runStencil(rt, dst);
            assertWithMessage("critical").that(r.criticalHlops()).isEqualTo(16);
            double lowestCritical = Double.POSITIVE_INFINITY;
            double highestOther = Double.NEGATIVE_INFINITY;
            for (Report.HlopRecord h : r.hlops()) {
                // The oracle's criticality is the tile's real error: recompute it from the reference.
                double expected = roundingError(h.region(), step);
                assertWithMessage("HLOP %s error", h.index()).that(h.criticality()).isWithin(1e-9).of(expected);
                if (h.critical()) {
                    assertWithMessage("critical HLOP %s ran on", h.index()).that(h.device()).isEqualTo("exact");
                    lowestCritical = Math.min(lowestCritical, h.criticality());
                } else {
                    highestOther = Math.max(highestOther, h.criticality());
                }
            }
            assertWithMessage("critical tiles have the largest errors").that(lowestCritical).isAtLeast(highestOther);
            assertWithMessage("trial time reported as sampling").that(r.samplingNanos()).isGreaterThan(0L);
            for (Report.HlopRecord h : r.hlops()) {
                if (h.device().equals("exact")) { // the trials' outputs were overwritten by the real run
                    assertWithMessage("HLOP %s on exact: cells off the reference", h.index())
                            .that(wrongCells(dst.array(), h.region())).isEqualTo(0);
                }
            }
        }
    }

    /** What the rounding device gets wrong on {@code region}: mean |round(v / step) step - v| over the reference. */
    private static double roundingError(dev.shmt.api.Region region, float step) {
        double sum = 0;
        for (int r = region.row(); r < region.row() + region.rows(); r++) {
            for (int c = region.col(); c < region.col() + region.cols(); c++) {
                float v = REFERENCE[r * Images.SIZE + c];
                sum += Math.abs((double) (Math.round(v / step) * step) - v);
            }
        }
        return sum / region.elements();
    }

    /** Cells of {@code region} where {@code values} differ from the reference. */
    private static int wrongCells(float[] values, dev.shmt.api.Region region) {
        int n = 0;
        for (int r = region.row(); r < region.row() + region.rows(); r++) {
            for (int c = region.col(); c < region.col() + region.cols(); c++) {
                n += values[r * Images.SIZE + c] != REFERENCE[r * Images.SIZE + c] ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void randomSendsADrawnShareToThePreciseDeviceTheSameEveryRunAndStealsNothing() {
        List<Integer> first = null;
        for (int run = 0; run < 2; run++) {
            try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).policy("random").criticalFraction(0.25)
                    .addDevice(new CpuDevice("exact", 1))
                    .addDevice(PrecisionDevice.rounding("approx", Precision.INT8, 8f)).build()) {
                Report r = runStencil(rt, FloatMatrix.create(Images.SIZE, Images.SIZE));
                assertWithMessage("critical").that(r.criticalHlops()).isEqualTo(16);
                assertWithMessage("on exact").that(r.hlopsOn("exact")).isEqualTo(16);
                assertWithMessage("steals").that(r.steals()).isEqualTo(0);
                List<Integer> exact = r.hlops().stream().filter(h -> h.device().equals("exact"))
                        .map(Report.HlopRecord::index).sorted().toList();
                assertWithMessage("not simply the first HLOPs").that(exact).isNotEqualTo(
                        IntStream.range(0, 16).boxed().toList());
                if (first != null) {
                    assertWithMessage("the same draw on every run").that(exact).isEqualTo(first);
                }
                first = exact;
            }
        }
    }

    @Test
    void oracleRefusesDevicesOfOnePrecision() {
        try (ShmtRuntime rt = runtime("oracle", new CpuDevice("cpu", 1))) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> runStencil(rt, FloatMatrix.create(Images.SIZE, Images.SIZE)));
            assertWithMessage("message").that(e).hasMessageThat().contains("policy oracle compares a precise and an "
                    + "approximate device, but every device that runs stencil3 is FP32");
        }
    }

    private static int countNonZero(float[] a) {
        int n = 0;
        for (float v : a) {
            n += v != 0 ? 1 : 0;
        }
        return n;
    }
}
