package dev.shmt.apps.sobel;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Partition;
import dev.shmt.api.Report;
import dev.shmt.api.VopCall;
import dev.shmt.api.npu.NpuInterpreter;
import dev.shmt.api.npu.NpuKernel;
import dev.shmt.api.npu.NpuTensor;
import dev.shmt.apps.common.Images;
import dev.shmt.gpu.GpuDevice;
import dev.shmt.npu.NpuDevice;
import dev.shmt.npu.kernels.MagnitudeKernel;
import dev.shmt.npu.kernels.StencilModel;
import dev.shmt.npu.quant.ValueRange;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.device.CpuDevice;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Sobel#sobel} tiled on the CPU (bitwise) and on the NPU (int8, within its bound), and its images. */
class SobelTest {
    @AfterEach
    void clear() {
        System.clearProperty("shmt.npu");
    }

    private static FloatMatrix image(int rows, int cols) {
        return Images.structured(rows, cols, 7).withBorder(Border.REFLECT_101);
    }

    private static double maxError(FloatMatrix src, FloatMatrix got) {
        double[] ref = Sobel.reference(src);
        double worst = 0;
        for (int r = 0; r < src.rows(); r++) {
            for (int c = 0; c < src.cols(); c++) {
                worst = Math.max(worst, Math.abs(got.get(r, c) - ref[r * src.cols() + c]));
            }
        }
        return worst;
    }

    @Test
    void cpuTilesAreBitwiseEqualToTheUntiledCall() {
        FloatMatrix src = image(203, 317);
        FloatMatrix want = FloatMatrix.create(src.rows(), src.cols());
        Sobel.sobel(src, want);
        // The direct call itself is checked against the double reference in SobelCpuTest.
        // Whole image, square tiles with ragged edge tiles, thin strips, single rows and columns.
        int[][] tiles = {{203, 317}, {64, 64}, {50, 100}, {7, 317}, {203, 9}, {1, 33}, {16, 1}};
        for (int[] t : tiles) {
            try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(2))
                    .policy("single:cpu").tileHint(t[0], t[1]).build()) {
                FloatMatrix got = FloatMatrix.create(src.rows(), src.cols());
                Arrays.fill(got.array(), Float.NaN);
                Report report = SobelVops.sobel(rt, src, got);
                int expected = ((src.rows() + t[0] - 1) / t[0]) * ((src.cols() + t[1] - 1) / t[1]);
                assertWithMessage("HLOPs on the cpu with %sx%s tiles", t[0], t[1])
                        .that(report.hlopsOn("cpu")).isEqualTo(expected);
                assertWithMessage("tiled %sx%s against untiled", t[0], t[1])
                        .that(got.toArray()).isEqualTo(want.toArray());
            }
        }
    }

    @Test
    void gpuTilesAreBitwiseEqualToTheUntiledCall() {
        FloatMatrix src = image(700, 555);
        FloatMatrix want = FloatMatrix.create(src.rows(), src.cols());
        Sobel.sobel(src, want);
        GpuDevice gpu = GpuDevice.detect(2).get(0);
        try {
            assumeTrue(gpu.status().isAvailable(), "no GPU: " + gpu.status().cause());
            try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(gpu).policy("single:gpu")
                    .tileHint(256, 256).build()) {
                FloatMatrix got = FloatMatrix.create(src.rows(), src.cols());
                Report report = SobelVops.sobel(rt, src, got);
                assertWithMessage("HLOPs on the gpu").that(report.hlopsOn("gpu")).isEqualTo(9);
                assertWithMessage("gpu tiles against the untiled call").that(got.toArray()).isEqualTo(want.toArray());
                assertWithMessage("gpu against the double reference").that(maxError(src, got))
                        .isAtMost(SobelCpuTest.FP32_BOUND);
            }
        } finally {
            gpu.close();
        }
    }

    /** Sobel with Gx and Gy quantized over all they can reach, so no value saturates and the bound holds everywhere. */
    public static final class FullRangeSobel extends MagnitudeKernel {
        public FullRangeSobel() {
            super(new StencilModel(new float[][] {Sobel.SOBEL_X, Sobel.SOBEL_Y}, 3,
                    new ValueRange(Images.MIN, Images.MAX)));
        }
    }

    @Test
    void npuTilesStayWithinTheirInt8Bound() {
        System.setProperty("shmt.npu", "tflite-cpu");
        FloatMatrix src = image(512, 512);
        FloatMatrix got = FloatMatrix.create(512, 512);
        Arrays.fill(got.array(), Float.NaN);
        FullRangeSobel kernel = new FullRangeSobel();
        NpuDevice npu = NpuDevice.detect(1);
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(npu).policy("single:npu")
                .tileHint(128, 128).build()) {
            VopCall call = VopCall.builder("sobel", Partition.TILE_2D).shape(512, 512).halo(1)
                    .border(Border.REFLECT_101).tileHint(128, 128)
                    .arg("src", VopCall.Role.IN, src.withBorder(Border.REFLECT_101)).arg("dst", VopCall.Role.OUT, got)
                    .implementation(NpuKernel.class, kernel).build();
            Report report = rt.execute(call);
            assertWithMessage("HLOPs on the npu").that(report.hlopsOn("npu")).isEqualTo(16);
            NpuInterpreter it = npu.context().interpreter(FullRangeSobel.class.getName() + "@128x128", () -> {
                throw new AssertionError("the 128x128 model must already be built");
            });
            double bound = bound(kernel.model(), it.input(0), it.output(0));
            double err = maxError(src, got);
            System.out.printf("sobel 512x512 on the npu (int8): max |error| %.3f, bound %.3f, output step %.3f%n",
                    err, bound, it.output(0).scale());
            assertWithMessage("max |npu - double reference|").that(err).isAtMost(bound);
            // Meaningful: a few output steps, under 3% of the largest magnitude an image can have.
            assertWithMessage("bound").that(bound).isLessThan(0.03 * 4 * Images.MAX * Math.sqrt(2));
            assertWithMessage("max error (zero would mean int8 never ran)").that(err).isGreaterThan(0.0);
        }
    }

    /**
     * The most an NPU magnitude may differ from the exact one. Each of Gx and Gy is off by at most
     * half an input step through the weights' absolute sum, each weight's quantization error (one
     * symmetric scale for the whole convolution) times the largest input, and one output step
     * (requantizing the accumulator, then the output's own rounding); the magnitude of the error
     * vector bounds the magnitude's error. A hundredth of an output step covers the host's fp32 sqrt.
     */
    private static double bound(StencilModel model, NpuTensor in, NpuTensor out) {
        double maxW = 0;
        for (int g = 0; g < model.sets(); g++) {
            for (float w : model.weights(g)) {
                maxW = Math.max(maxW, Math.abs(w));
            }
        }
        double step = maxW / 127;
        double maxAbsIn = Math.max(Math.abs(in.scale() * (-128 - in.zeroPoint())),
                Math.abs(in.scale() * (127 - in.zeroPoint())));
        double squares = 0;
        for (int g = 0; g < model.sets(); g++) {
            double absW = 0;
            double weightError = 0;
            for (float w : model.weights(g)) {
                absW += Math.abs(w);
                weightError += Math.abs(w - Math.rint(w / step) * step) * maxAbsIn;
            }
            double e = absW * in.scale() / 2 + weightError + out.scale();
            squares += e * e;
        }
        return Math.sqrt(squares) + out.scale() / 100;
    }

    @Test
    void imagesAreDeterministicAndHaveFlatAndEdgeTiles() {
        FloatMatrix a = Images.structured(512, 512, 7);
        assertWithMessage("same seed").that(Images.structured(512, 512, 7).toArray()).isEqualTo(a.toArray());
        assertWithMessage("another seed")
                .that(Arrays.equals(Images.structured(512, 512, 8).toArray(), a.toArray())).isFalse();
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        double flattest = Double.POSITIVE_INFINITY;
        double busiest = 0;
        for (int r0 = 0; r0 < 512; r0 += 64) {
            for (int c0 = 0; c0 < 512; c0 += 64) {
                float tlo = Float.POSITIVE_INFINITY;
                float thi = Float.NEGATIVE_INFINITY;
                for (int r = r0; r < r0 + 64; r++) {
                    for (int c = c0; c < c0 + 64; c++) {
                        tlo = Math.min(tlo, a.get(r, c));
                        thi = Math.max(thi, a.get(r, c));
                    }
                }
                lo = Math.min(lo, tlo);
                hi = Math.max(hi, thi);
                flattest = Math.min(flattest, thi - tlo);
                busiest = Math.max(busiest, thi - tlo);
            }
        }
        assertWithMessage("smallest value").that(lo).isAtLeast(Images.MIN);
        assertWithMessage("largest value").that(hi).isAtMost(Images.MAX);
        assertWithMessage("value range of the flattest 64x64 tile").that(flattest).isGreaterThan(0.0);
        assertWithMessage("busiest tile's range over the flattest's").that(busiest / flattest).isGreaterThan(10.0);
    }
}
