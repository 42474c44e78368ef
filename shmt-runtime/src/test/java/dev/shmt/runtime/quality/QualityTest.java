package dev.shmt.runtime.quality;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QualityTest {

    private static final int ROWS = 40;
    private static final int COLS = 53;

    // ref {1, 2, 4, 0}, out {1.5, 2, 3, 1}; every value is exact in float.
    //   |out - ref| = {0.5, 0, 1, 1}, sum 2.5;  |ref| sum = 7
    //   error_rate = 2.5 / 7 = 0.357142857...
    //   MAPE skips ref[3] == 0: (0.5/1 + 0/2 + 1/4) / 3 = 0.75 / 3 = 0.25 -> 25 %, 1 skipped
    //   MSE = (0.25 + 0 + 1 + 1) / 4 = 0.5625 -> RMSE 0.75
    //   PSNR with L = 4: 10 log10(16 / 0.5625) = 20 log10(4 / 0.75) = 20 log10(16/3) = 14.5399...
    private static final float[] SMALL_REF = {1f, 2f, 4f, 0f};
    private static final float[] SMALL_OUT = {1.5f, 2f, 3f, 1f};

    @Nested
    class IdenticalInputs {
        private final float[] img = structured(ROWS, COLS, 42L);
        private final float[] copy = img.clone();

        @Test
        void ssimIsExactlyOne() {
            assertThat(Quality.ssim(img, copy, ROWS, COLS, 1.0)).isWithin(1e-12).of(1.0);
        }

        @Test
        void psnrIsPositiveInfinity() {
            assertThat(Quality.psnr(img, copy, 1.0)).isPositiveInfinity();
        }

        @Test
        void rmseErrorRateAndMapeAreZero() {
            assertThat(Quality.rmse(img, copy)).isEqualTo(0.0);
            assertThat(Quality.errorRate(img, copy)).isEqualTo(0.0);
            assertThat(Quality.mape(img, copy)).isEqualTo(0.0);
        }
    }

    @Nested
    class Ssim {

        @Test
        void constantImagesMatchClosedForm() {
            checkConstant(0.3f, 0.7f, 20, 25, 1.0);
            checkConstant(100f, 130f, 13, 11, 255.0);
            checkConstant(0f, 0.5f, 11, 11, 1.0);
        }

        private void checkConstant(float a, float b, int rows, int cols, double range) {
            float[] x = new float[rows * cols];
            float[] y = new float[rows * cols];
            java.util.Arrays.fill(x, a);
            java.util.Arrays.fill(y, b);
            // Zero variance and covariance reduce the contrast-structure factor to C2 / C2 = 1.
            double c1 = (0.01 * range) * (0.01 * range);
            double expected = (2.0 * a * b + c1) / ((double) a * a + (double) b * b + c1);
            assertWithMessage("SSIM of constant %s vs %s, L=%s", a, b, range)
                    .that(Quality.ssim(x, y, rows, cols, range))
                    .isWithin(1e-12)
                    .of(expected);
        }

        @Test
        void shiftedCopyMatchesNaiveImplementation() {
            float[] img = structured(ROWS, COLS, 42L);
            float[] shifted = shiftRight(img, ROWS, COLS, 2);
            checkAgainstNaive(shifted, img, ROWS, COLS, 1.0);
        }

        @Test
        void noisyCopyMatchesNaiveImplementation() {
            float[] img = structured(ROWS, COLS, 42L);
            float[] noisy = addNoise(img, 0.08, 7L);
            checkAgainstNaive(noisy, img, ROWS, COLS, 1.0);
        }

        @Test
        void eightBitRangeMatchesNaiveImplementation() {
            float[] img = scale(structured(ROWS, COLS, 3L), 255f);
            float[] noisy = addNoise(img, 12.0, 11L);
            checkAgainstNaive(noisy, img, ROWS, COLS, 255.0);
        }

        @Test
        void tallImageMatchesNaiveImplementation() {
            // Transposed aspect ratio catches any mix-up between rows and cols.
            float[] img = structured(COLS, ROWS, 5L);
            float[] noisy = addNoise(img, 0.05, 9L);
            checkAgainstNaive(noisy, img, COLS, ROWS, 1.0);
        }

        @Test
        void singleWindowImageMatchesNaiveImplementation() {
            float[] img = structured(11, 11, 13L);
            float[] noisy = addNoise(img, 0.1, 17L);
            checkAgainstNaive(noisy, img, 11, 11, 1.0);
        }

        @Test
        void isSymmetric() {
            float[] img = structured(ROWS, COLS, 42L);
            float[] noisy = addNoise(img, 0.08, 7L);
            assertThat(Quality.ssim(img, noisy, ROWS, COLS, 1.0))
                    .isWithin(1e-14)
                    .of(Quality.ssim(noisy, img, ROWS, COLS, 1.0));
        }

        private void checkAgainstNaive(float[] out, float[] ref, int rows, int cols, double range) {
            double actual = Quality.ssim(out, ref, rows, cols, range);
            double expected = naiveSsim(out, ref, rows, cols, range);
            assertThat(actual).isWithin(1e-9).of(expected);
            assertThat(actual).isLessThan(1.0);
            assertThat(actual).isGreaterThan(0.0);
        }
    }

    @Nested
    class HandComputed {

        @Test
        void psnrOfOnesVersusZerosWith8BitRange() {
            float[] ones = new float[64];
            java.util.Arrays.fill(ones, 1f);
            float[] zeros = new float[64];
            // MSE = 1, so PSNR = 10 log10(255^2) = 20 log10(255).
            assertThat(Quality.psnr(ones, zeros, 255.0)).isWithin(1e-12).of(20 * Math.log10(255));
            assertThat(Quality.psnr(ones, zeros, 255.0)).isWithin(1e-9).of(48.1308036086791);
        }

        @Test
        void errorRate() {
            assertThat(Quality.errorRate(SMALL_OUT, SMALL_REF)).isWithin(1e-15).of(2.5 / 7.0);
        }

        @Test
        void errorRateUsesAbsoluteReferences() {
            // ref {-2, 2}, out {-1, 3}: sum|out-ref| = 2, sum|ref| = 4 (not sum ref = 0) -> 0.5
            assertThat(Quality.errorRate(new float[] {-1f, 3f}, new float[] {-2f, 2f}))
                    .isWithin(1e-15)
                    .of(0.5);
        }

        @Test
        void mapeSkipsZeroReferenceAndReportsIt() {
            assertThat(Quality.mape(SMALL_OUT, SMALL_REF)).isWithin(1e-12).of(25.0);
            assertThat(Quality.mapeSkippedZeros(SMALL_REF)).isEqualTo(1L);
        }

        @Test
        void mapeUsesAbsoluteReference() {
            // |(-1) - (-2)| / |-2| = 0.5 -> 50 %
            assertThat(Quality.mape(new float[] {-1f}, new float[] {-2f}))
                    .isWithin(1e-12)
                    .of(50.0);
        }

        @Test
        void negativeZeroReferenceIsSkippedToo() {
            float[] ref = {-0.0f, 0f, 2f};
            assertThat(Quality.mapeSkippedZeros(ref)).isEqualTo(2L);
            assertThat(Quality.mape(new float[] {5f, 5f, 3f}, ref)).isWithin(1e-12).of(50.0);
        }

        @Test
        void rmse() {
            assertThat(Quality.rmse(SMALL_OUT, SMALL_REF)).isWithin(1e-15).of(0.75);
        }

        @Test
        void psnrWithSmallRange() {
            assertThat(Quality.psnr(SMALL_OUT, SMALL_REF, 4.0))
                    .isWithin(1e-12)
                    .of(20 * Math.log10(16.0 / 3.0));
        }

        @Test
        void allZeroReferenceGivesNaN() {
            float[] ref = new float[5];
            float[] out = {1f, 2f, 0f, -1f, 3f};
            assertThat(Quality.mape(out, ref)).isNaN();
            assertThat(Quality.mapeSkippedZeros(ref)).isEqualTo(5L);
            assertThat(Quality.errorRate(out, ref)).isNaN();
            // Even a perfect match has no defined error rate against an all-zero reference.
            assertThat(Quality.errorRate(new float[5], ref)).isNaN();
        }
    }

    @Nested
    class Report {

        @Test
        void ofAgreesWithIndividualMetrics() {
            float[] ref = structured(ROWS, COLS, 42L);
            ref[0] = 0f;
            ref[100] = 0f;
            float[] out = addNoise(ref, 0.02, 3L);
            QualityReport r = QualityReport.of(out, ref, ROWS, COLS, 1.0);
            assertThat(r.mape()).isEqualTo(Quality.mape(out, ref));
            assertThat(r.mapeZerosSkipped()).isEqualTo(2L);
            assertThat(r.errorRate()).isEqualTo(Quality.errorRate(out, ref));
            assertThat(r.rmse()).isEqualTo(Quality.rmse(out, ref));
            assertThat(r.psnr()).isEqualTo(Quality.psnr(out, ref, 1.0));
            assertThat(r.ssim()).isEqualTo(Quality.ssim(out, ref, ROWS, COLS, 1.0));
        }

        @Test
        void toStringIsOneReadableLine() {
            QualityReport r = new QualityReport(1.85, 3, 0.0123, 0.41, 38.2, 0.9871);
            assertThat(r.toString())
                    .isEqualTo("error_rate 0.0123  MAPE 1.85% (3 zero refs skipped)  RMSE 0.4100"
                            + "  PSNR 38.2 dB  SSIM 0.9871");
        }

        @Test
        void toStringOmitsSkipNoteWhenNothingSkippedAndSingularizesOne() {
            assertThat(new QualityReport(1, 0, 0, 0, Double.POSITIVE_INFINITY, 1).toString())
                    .isEqualTo("error_rate 0.0000  MAPE 1.00%  RMSE 0.000  PSNR Infinity dB"
                            + "  SSIM 1.0000");
            assertThat(new QualityReport(1, 1, 0, 0, 1, 1).toString())
                    .contains("MAPE 1.00% (1 zero ref skipped)");
        }

        @Test
        void ofRejectsBadInput() {
            assertRejects("rows must be at least 11",
                    () -> QualityReport.of(new float[50], new float[50], 5, 10, 1.0));
            assertRejects("out has 10 elements but ref has 12",
                    () -> QualityReport.of(new float[10], new float[12], 3, 4, 1.0));
        }
    }

    @Nested
    class BadInput {

        static Stream<Arguments> pairMetrics() {
            return Stream.of(
                    metric("mape", Quality::mape),
                    metric("errorRate", Quality::errorRate),
                    metric("rmse", Quality::rmse),
                    metric("psnr", (o, r) -> Quality.psnr(o, r, 1.0)),
                    metric("ssim", (o, r) -> Quality.ssim(o, r, 3, 4, 1.0)));
        }

        private static Arguments metric(String name, BiConsumer<float[], float[]> call) {
            return Arguments.of(name, call);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("pairMetrics")
        void nullOut(String name, BiConsumer<float[], float[]> call) {
            assertRejects("out must not be null", () -> call.accept(null, new float[12]));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("pairMetrics")
        void nullRef(String name, BiConsumer<float[], float[]> call) {
            assertRejects("ref must not be null", () -> call.accept(new float[12], null));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("pairMetrics")
        void lengthMismatch(String name, BiConsumer<float[], float[]> call) {
            assertRejects("out has 10 elements but ref has 12",
                    () -> call.accept(new float[10], new float[12]));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("pairMetrics")
        void empty(String name, BiConsumer<float[], float[]> call) {
            assertRejects("out and ref are empty; expected at least one element",
                    () -> call.accept(new float[0], new float[0]));
        }

        @Test
        void mapeSkippedZerosRejectsNullAndEmpty() {
            assertRejects("ref must not be null", () -> Quality.mapeSkippedZeros(null));
            assertRejects("ref is empty", () -> Quality.mapeSkippedZeros(new float[0]));
        }

        @Test
        void psnrRejectsNonPositiveOrNonFiniteRange() {
            float[] a = new float[4];
            for (double bad : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
                assertRejects("dataRange must be positive and finite but was " + bad,
                        () -> Quality.psnr(a, a, bad));
            }
        }

        @Test
        void ssimRejectsNonPositiveOrNonFiniteRange() {
            float[] a = new float[11 * 11];
            for (double bad : new double[] {0.0, -255.0, Double.NaN, Double.NEGATIVE_INFINITY}) {
                assertRejects("dataRange must be positive and finite but was " + bad,
                        () -> Quality.ssim(a, a, 11, 11, bad));
            }
        }

        @Test
        void ssimRejectsShapeNotMatchingLength() {
            float[] a = new float[12 * 12];
            assertRejects("rows * cols = 12 * 13 = 156 but out and ref have 144 elements",
                    () -> Quality.ssim(a, a, 12, 13, 1.0));
            // rows * cols overflows int; must still be caught rather than wrap around.
            assertRejects("rows * cols = 65536 * 65536 = 4294967296",
                    () -> Quality.ssim(a, a, 65536, 65536, 1.0));
        }

        @Test
        void ssimRejectsNonPositiveDimensions() {
            float[] a = new float[144];
            assertRejects("rows must be positive but was 0", () -> Quality.ssim(a, a, 0, 144, 1.0));
            assertRejects("cols must be positive but was -12",
                    () -> Quality.ssim(a, a, 12, -12, 1.0));
        }

        @Test
        void ssimRejectsImagesSmallerThanWindow() {
            float[] a = new float[10 * 53];
            assertRejects("rows must be at least 11 (the SSIM window is 11x11) but was 10",
                    () -> Quality.ssim(a, a, 10, 53, 1.0));
            assertRejects("cols must be at least 11 (the SSIM window is 11x11) but was 10",
                    () -> Quality.ssim(a, a, 53, 10, 1.0));
        }
    }

    private static void assertRejects(String expectedMessagePart, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertThat(e).hasMessageThat().contains(expectedMessagePart);
    }

    /**
     * Deliberately naive SSIM: every window visited directly, Gaussian weights built here as a
     * 2-D kernel, local statistics computed two-pass (mean, then centred moments).
     */
    private static double naiveSsim(float[] x, float[] y, int rows, int cols, double range) {
        final int win = 11;
        final int half = win / 2;
        final double sigma = 1.5;
        double[][] w = new double[win][win];
        double total = 0;
        for (int u = 0; u < win; u++) {
            for (int v = 0; v < win; v++) {
                double du = u - half;
                double dv = v - half;
                w[u][v] = Math.exp(-(du * du + dv * dv) / (2 * sigma * sigma));
                total += w[u][v];
            }
        }
        for (int u = 0; u < win; u++) {
            for (int v = 0; v < win; v++) {
                w[u][v] /= total;
            }
        }
        double c1 = Math.pow(0.01 * range, 2);
        double c2 = Math.pow(0.03 * range, 2);

        double sum = 0;
        int count = 0;
        for (int i = half; i < rows - half; i++) {
            for (int j = half; j < cols - half; j++) {
                double mx = 0;
                double my = 0;
                for (int u = 0; u < win; u++) {
                    for (int v = 0; v < win; v++) {
                        int idx = (i - half + u) * cols + (j - half + v);
                        mx += w[u][v] * x[idx];
                        my += w[u][v] * y[idx];
                    }
                }
                double vx = 0;
                double vy = 0;
                double cov = 0;
                for (int u = 0; u < win; u++) {
                    for (int v = 0; v < win; v++) {
                        int idx = (i - half + u) * cols + (j - half + v);
                        double dx = x[idx] - mx;
                        double dy = y[idx] - my;
                        vx += w[u][v] * dx * dx;
                        vy += w[u][v] * dy * dy;
                        cov += w[u][v] * dx * dy;
                    }
                }
                sum += ((2 * mx * my + c1) * (2 * cov + c2))
                        / ((mx * mx + my * my + c1) * (vx + vy + c2));
                count++;
            }
        }
        assertThat(count).isEqualTo((rows - 10) * (cols - 10));
        return sum / count;
    }

    /** Two gradients, a bright rectangle and seeded Gaussian noise, roughly in [0, 1]. */
    private static float[] structured(int rows, int cols, long seed) {
        Random rnd = new Random(seed);
        float[] a = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = 0.1 + 0.3 * r / (rows - 1) + 0.2 * c / (cols - 1);
                if (r >= rows / 4 && r < rows * 3 / 4 && c >= cols / 3 && c < cols * 2 / 3) {
                    v += 0.3;
                }
                v += 0.03 * rnd.nextGaussian();
                a[r * cols + c] = (float) v;
            }
        }
        return a;
    }

    private static float[] shiftRight(float[] a, int rows, int cols, int by) {
        float[] s = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                s[r * cols + c] = a[r * cols + Math.max(c - by, 0)];
            }
        }
        return s;
    }

    private static float[] addNoise(float[] a, double sigma, long seed) {
        Random rnd = new Random(seed);
        float[] n = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            n[i] = (float) (a[i] + sigma * rnd.nextGaussian());
        }
        return n;
    }

    private static float[] scale(float[] a, float k) {
        float[] s = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            s[i] = a[i] * k;
        }
        return s;
    }
}
