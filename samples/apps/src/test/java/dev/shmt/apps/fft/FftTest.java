package dev.shmt.apps.fft;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Report;
import dev.shmt.apps.common.Images;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.device.CpuDevice;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The CPU row FFT, the 2-D driver and the double reference, each against something independent. */
class FftTest {
    /** fp32's unit roundoff. */
    private static final double U = 0x1p-24;

    /**
     * The normwise bound of a radix-2 FFT in fp32 with twiddles within an ulp (Higham, theorem 24.2, as
     * in fft.cu): {@code ||X' - X|| / ||X|| <= 9 log2(n) u}. The real-input path runs the n/2 FFT, whose
     * bound is one stage (9u) smaller, and one separating pass of a few roundings per value (about 5u),
     * so the same bound holds. Measured on random rows: 1.2e-7 at n = 1024 (bound 5.4e-6): the errors add
     * up like a random walk, not in the worst case.
     */
    private static double rowBound(int n) {
        return 9 * Math.max(1, Integer.numberOfTrailingZeros(n)) * U;
    }

    /** The DFT of one row in double, straight from the definition, angles reduced exactly. */
    static double[][] dft(float[] re, int reOff, float[] im, int imOff, int n) {
        double[][] x = new double[2][n];
        for (int k = 0; k < n; k++) {
            for (int m = 0; m < n; m++) {
                double t = 2 * Math.PI * (int) ((long) k * m % n) / n;
                double c = Math.cos(t);
                double s = Math.sin(t);
                x[0][k] += re[reOff + m] * c + im[imOff + m] * s;
                x[1][k] += im[imOff + m] * c - re[reOff + m] * s;
            }
        }
        return x;
    }

    /** The same in double through {@link FftReference#fft}, for rows too long for the O(n^2) definition. */
    static double[][] fftDouble(float[] re, int reOff, float[] im, int imOff, int n) {
        double[][] x = new double[2][n];
        for (int m = 0; m < n; m++) {
            x[0][m] = re[reOff + m];
            x[1][m] = im[imOff + m];
        }
        double[] cos = new double[Math.max(1, n / 2)];
        double[] sin = new double[cos.length];
        for (int k = 0; k < n / 2; k++) {
            cos[k] = Math.cos(2 * Math.PI * k / n);
            sin[k] = Math.sin(2 * Math.PI * k / n);
        }
        FftReference.fft(x[0], x[1], cos, sin);
        return x;
    }

    /** {@code ||got - want|| / ||want||} over one row. */
    static double relativeError(FloatMatrix re, FloatMatrix im, int r, double[][] want) {
        double err = 0;
        double norm = 0;
        for (int k = 0; k < re.cols(); k++) {
            double dr = re.get(r, k) - want[0][k];
            double di = im.get(r, k) - want[1][k];
            err += dr * dr + di * di;
            norm += want[0][k] * want[0][k] + want[1][k] * want[1][k];
        }
        return Math.sqrt(err / norm);
    }

    private static FloatMatrix random(int rows, int cols, SplittableRandom rnd, double lo, double hi) {
        FloatMatrix m = FloatMatrix.create(rows, cols);
        for (int i = 0; i < m.array().length; i++) {
            m.array()[i] = (float) rnd.nextDouble(lo, hi);
        }
        return m;
    }

    @Test
    void rowsMatchTheDoubleDftWithinTheFp32Bound() {
        SplittableRandom rnd = new SplittableRandom(5);
        int rows = 3;
        for (int n : new int[] {1, 2, 4, 8, 16, 32, 64, 128, 256, 1024, 4096}) {
            // Complex rows, and real ones (zero imaginary part: the real-input path).
            FloatMatrix re = random(rows, n, rnd, -1, 3);
            FloatMatrix[] ims = {random(rows, n, rnd, -2, 2), FloatMatrix.create(rows, n)};
            for (FloatMatrix im : ims) {
                boolean real = im.array()[0] == 0f;
                FloatMatrix outRe = FloatMatrix.create(rows, n);
                FloatMatrix outIm = FloatMatrix.create(rows, n);
                Fft.rows(re, im, outRe, outIm);
                for (int r = 0; r < rows; r++) {
                    double[][] want = n <= 256 ? dft(re.array(), r * n, im.array(), r * n, n)
                            : fftDouble(re.array(), r * n, im.array(), r * n, n);
                    assertWithMessage("||X' - X|| / ||X||, n = %s, row %s, %s input", n, r, real ? "real" : "complex")
                            .that(relativeError(outRe, outIm, r, want)).isAtMost(rowBound(n));
                    if (real) { // exactly, also where fp32 rounding differs between k and n - k
                        for (int k = 1; k < n; k++) {
                            assertWithMessage("Hermitian symmetry at bin %s, n = %s", k, n)
                                    .that(outRe.get(r, n - k)).isWithin(0f).of(outRe.get(r, k));
                            assertWithMessage("Hermitian symmetry at bin %s, n = %s (im)", k, n)
                                    .that(outIm.get(r, n - k)).isWithin(0f).of(-outIm.get(r, k));
                        }
                    }
                }
            }
        }
    }

    @Test
    void rowsInPlaceEqualRowsOutOfPlace() {
        SplittableRandom rnd = new SplittableRandom(6);
        FloatMatrix re = random(5, 64, rnd, -1, 1);
        FloatMatrix im = random(5, 64, rnd, -1, 1);
        FloatMatrix wantRe = FloatMatrix.create(5, 64);
        FloatMatrix wantIm = FloatMatrix.create(5, 64);
        Fft.rows(re, im, wantRe, wantIm);
        Fft.rows(re, im, re, im);
        assertWithMessage("in place, re").that(re.toArray()).isEqualTo(wantRe.toArray());
        assertWithMessage("in place, im").that(im.toArray()).isEqualTo(wantIm.toArray());
        // The outputs swapped against the inputs: out re over im, out im over re.
        FloatMatrix re2 = random(5, 64, rnd, -1, 1);
        FloatMatrix im2 = random(5, 64, rnd, -1, 1);
        Fft.rows(re2, im2, wantRe, wantIm);
        Fft.rows(re2, im2, im2, re2);
        assertWithMessage("crossed, re").that(im2.toArray()).isEqualTo(wantRe.toArray());
        assertWithMessage("crossed, im").that(re2.toArray()).isEqualTo(wantIm.toArray());
    }

    @Test
    void rowsRefuseBadShapes() {
        FloatMatrix a = FloatMatrix.create(2, 12);
        assertWithMessage("12 columns")
                .that(assertThrows(IllegalArgumentException.class, () -> Fft.rows(a, a, FloatMatrix.create(2, 12),
                        FloatMatrix.create(2, 12))))
                .hasMessageThat().isEqualTo("Fft.rows: argument 're' must have a power of two of columns, got 12");
        FloatMatrix b = FloatMatrix.create(2, 16);
        assertWithMessage("outIm narrower")
                .that(assertThrows(IllegalArgumentException.class, () -> Fft.rows(b, b, FloatMatrix.create(2, 16),
                        FloatMatrix.create(2, 8))))
                .hasMessageThat().isEqualTo("Fft.rows: argument 'outIm' must be 2 x 16 like 're', got 2 x 8");
        assertWithMessage("outRe shorter: the loop would write past it")
                .that(assertThrows(IllegalArgumentException.class, () -> Fft.rows(b, b, FloatMatrix.create(1, 16),
                        FloatMatrix.create(2, 16))))
                .hasMessageThat().isEqualTo("Fft.rows: argument 'outRe' must be 2 x 16 like 're', got 1 x 16");
    }

    /** The reference against the 2-D DFT from its definition, in double. */
    @Test
    void referenceIsTheTwoDimensionalDft() {
        int n = 16;
        FloatMatrix image = Images.structured(n, n, 3);
        FftReference.Spectrum got = FftReference.forward(image);
        double err = 0;
        double norm = 0;
        for (int k1 = 0; k1 < n; k1++) {
            for (int k2 = 0; k2 < n; k2++) {
                double xr = 0;
                double xi = 0;
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < n; c++) {
                        double t = 2 * Math.PI * ((k1 * r + k2 * c) % n) / n;
                        xr += image.get(r, c) * Math.cos(t);
                        xi -= image.get(r, c) * Math.sin(t);
                    }
                }
                err += Math.pow(got.re()[k1 * n + k2] - xr, 2) + Math.pow(got.im()[k1 * n + k2] - xi, 2);
                norm += xr * xr + xi * xi;
            }
        }
        assertWithMessage("reference against the definition").that(Math.sqrt(err / norm)).isAtMost(1e-14);
    }

    /** Relative Frobenius error of a 2-D result against the reference. */
    static double relativeError(Fft2d fft, FftReference.Spectrum want) {
        double err = 0;
        double norm = 0;
        float[] re = fft.re().array();
        float[] im = fft.im().array();
        for (int i = 0; i < re.length; i++) {
            err += Math.pow(re[i] - want.re()[i], 2) + Math.pow(im[i] - want.im()[i], 2);
            norm += want.re()[i] * want.re()[i] + want.im()[i] * want.im()[i];
        }
        return Math.sqrt(err / norm);
    }

    /**
     * Both passes add their row bound: the column pass scales every column's norm by the same sqrt(n),
     * so pass 1's relative error carries through unchanged and pass 2 adds its own.
     */
    @Test
    void twoDimensionalFftMatchesTheReference() {
        for (int n : new int[] {2, 4, 8, 64, 512}) {
            FloatMatrix image = Images.structured(n, n, 9);
            Fft2d fft = new Fft2d(n);
            fft.forward(image);
            double err = relativeError(fft, FftReference.forward(image));
            assertWithMessage("2-D relative error, n = %s", n).that(err).isAtMost(2 * rowBound(n));
        }
    }

    @Test
    void twoDimensionalFftThroughTheRuntimeEqualsTheDirectOne() {
        int n = 128;
        FloatMatrix image = Images.structured(n, n, 4);
        Fft2d direct = new Fft2d(n);
        direct.forward(image);
        Fft2d tiled = new Fft2d(n);
        // 23 rows per HLOP: ragged blocks, the last one 13 rows.
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(2))
                .policy("single:cpu").tileHint(23, n).build()) {
            List<Report> reports = tiled.forward(rt, image);
            assertWithMessage("reports").that(reports).hasSize(2);
            assertWithMessage("pass 1 HLOPs on the cpu: 128 rows").that(reports.get(0).hlopsOn("cpu")).isEqualTo(6);
            assertWithMessage("pass 2 HLOPs on the cpu: 64 rows").that(reports.get(1).hlopsOn("cpu")).isEqualTo(3);
        }
        assertWithMessage("re").that(tiled.re().toArray()).isEqualTo(direct.re().toArray());
        assertWithMessage("im").that(tiled.im().toArray()).isEqualTo(direct.im().toArray());
    }

    @Test
    void twoDimensionalFftRefusesBadSizes() {
        for (int bad : new int[] {12, 1, 0}) {
            assertWithMessage("n = %s", bad).that(assertThrows(IllegalArgumentException.class, () -> new Fft2d(bad)))
                    .hasMessageThat().isEqualTo("n must be a power of two >= 2, got " + bad);
        }
        Fft2d fft = new Fft2d(8);
        assertWithMessage("a 8 x 16 image")
                .that(assertThrows(IllegalArgumentException.class, () -> fft.forward(FloatMatrix.create(8, 16))))
                .hasMessageThat().isEqualTo("image must be 8 x 8, got 8 x 16");
    }

    @Test
    void transposeOfARectangle() {
        SplittableRandom rnd = new SplittableRandom(8);
        FloatMatrix src = random(13, 29, rnd, 0, 1);
        FloatMatrix dst = FloatMatrix.create(29, 13);
        Arrays.fill(dst.array(), Float.NaN);
        Transpose.transpose(src, dst);
        for (int r = 0; r < 13; r++) {
            for (int c = 0; c < 29; c++) {
                assertWithMessage("(%s, %s)", c, r).that(dst.get(c, r)).isEqualTo(src.get(r, c));
            }
        }
        assertWithMessage("wrong shape")
                .that(assertThrows(IllegalArgumentException.class,
                        () -> Transpose.transpose(src, FloatMatrix.create(13, 29))))
                .hasMessageThat().isEqualTo("dst must be 29 x 13 to hold the transpose of a 13 x 29 src, got 13 x 29");
    }
}
