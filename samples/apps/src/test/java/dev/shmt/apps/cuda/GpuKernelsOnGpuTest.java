package dev.shmt.apps.cuda;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.shmt.api.Border;
import dev.shmt.api.FloatArray;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.GpuKernel;
import dev.shmt.api.Partition;
import dev.shmt.api.Report;
import dev.shmt.api.VopCall;
import dev.shmt.api.gpu.GpuKernelRef;
import dev.shmt.gpu.GpuDevice;
import dev.shmt.gpu.GpuTestImages;
import dev.shmt.gpu.GpuUnderTest;
import dev.shmt.runtime.ShmtRuntime;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each app's kernel, and the examples' Filters kernels, against its CPU formula through the whole runtime and the
 * gpu device's Java path (staging, pitched copies with the halo's offsets, streams, launches, write-back), for
 * tiles at every border and corner, odd tile shapes, inputs that are views into larger arrays, and 1 or 2
 * streams. The kernels are named by their resources, not through the VOP classes, so each runs exactly as
 * written here. Runs in Maven's {@code gpu} executions against the host CUDA driver stand-in (built with the
 * apps' and the examples' kernels), or on a real GPU (see {@link GpuUnderTest}).
 */
class GpuKernelsOnGpuTest {
    private static final String FILTERS = "dev/shmt/examples/filters.ptx";
    private static final String SOBEL = "dev/shmt/apps/sobel/sobel.ptx";
    private static final String LAPLACIAN = "dev/shmt/apps/laplacian/laplacian.ptx";
    private static final String MEAN = "dev/shmt/apps/meanfilter/meanfilter.ptx";
    private static final String DCT8X8 = "dev/shmt/apps/dct8x8/dct8x8.ptx";
    /** A runtime on a gpu device of its own: closing the runtime closes the device. */
    private static ShmtRuntime runtime(int streams) {
        return ShmtRuntime.builder().discoverDevices(false).addDevice(GpuUnderTest.open(streams)).policy("single:gpu")
                .build();
    }

    private static FloatMatrix tile2dOnGpu(String ptx, String kernel, int halo, FloatMatrix src, int streams,
            int tileRows, int tileCols) {
        FloatMatrix dst = FloatMatrix.create(src.rows(), src.cols());
        VopCall call = VopCall.builder(kernel, Partition.TILE_2D).shape(src.rows(), src.cols()).halo(halo)
                .border(Border.REFLECT_101).tileHint(tileRows, tileCols)
                .arg("src", VopCall.Role.IN, src).arg("dst", VopCall.Role.OUT, dst)
                .implementation(GpuKernelRef.class, new GpuKernelRef(GpuDevice.class, ptx, kernel)).build();
        try (ShmtRuntime rt = runtime(streams)) {
            Report report = rt.execute(call);
            assertThat(report.hlopsOn("gpu")).isEqualTo(report.hlops().size());
            assertThat(report.hlops().size()).isGreaterThan(1);
        }
        return dst;
    }

    static FloatMatrix javaSobel3(FloatMatrix src) {
        FloatMatrix out = FloatMatrix.create(src.rows(), src.cols());
        for (int r = 0; r < src.rows(); r++) {
            for (int c = 0; c < src.cols(); c++) {
                float gx = (src.get(r - 1, c + 1) + 2f * src.get(r, c + 1) + src.get(r + 1, c + 1))
                        - (src.get(r - 1, c - 1) + 2f * src.get(r, c - 1) + src.get(r + 1, c - 1));
                float gy = (src.get(r + 1, c - 1) + 2f * src.get(r + 1, c) + src.get(r + 1, c + 1))
                        - (src.get(r - 1, c - 1) + 2f * src.get(r - 1, c) + src.get(r - 1, c + 1));
                out.set(r, c, (float) Math.sqrt(gx * gx + gy * gy));
            }
        }
        return out;
    }

    static FloatMatrix javaSharpen3(FloatMatrix src) {
        float[] w = {0f, -0.25f, 0f, -0.25f, 2f, -0.25f, 0f, -0.25f, 0f};
        FloatMatrix out = FloatMatrix.create(src.rows(), src.cols());
        for (int r = 0; r < src.rows(); r++) {
            for (int c = 0; c < src.cols(); c++) {
                float s = 0f;
                for (int dr = -1; dr <= 1; dr++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        s += w[(dr + 1) * 3 + dc + 1] * src.get(r + dr, c + dc);
                    }
                }
                out.set(r, c, s);
            }
        }
        return out;
    }

    static FloatMatrix javaBlur5(FloatMatrix src) {
        FloatMatrix out = FloatMatrix.create(src.rows(), src.cols());
        for (int r = 0; r < src.rows(); r++) {
            for (int c = 0; c < src.cols(); c++) {
                float b = 0f;
                for (int dr = -2; dr <= 2; dr++) {
                    for (int dc = -2; dc <= 2; dc++) {
                        b += src.get(r + dr, c + dc);
                    }
                }
                out.set(r, c, b * (1f / 25f));
            }
        }
        return out;
    }

    static FloatMatrix javaLaplacian3(FloatMatrix src) {
        FloatMatrix out = FloatMatrix.create(src.rows(), src.cols());
        for (int r = 0; r < src.rows(); r++) {
            for (int c = 0; c < src.cols(); c++) {
                out.set(r, c, ((src.get(r - 1, c) + src.get(r + 1, c)) + (src.get(r, c - 1) + src.get(r, c + 1)))
                        - 4f * src.get(r, c));
            }
        }
        return out;
    }

    static FloatMatrix javaMean3(FloatMatrix src) {
        FloatMatrix out = FloatMatrix.create(src.rows(), src.cols());
        for (int r = 0; r < src.rows(); r++) {
            for (int c = 0; c < src.cols(); c++) {
                float[] h = new float[3];
                for (int dr = -1; dr <= 1; dr++) {
                    h[dr + 1] = (src.get(r + dr, c - 1) + src.get(r + dr, c)) + src.get(r + dr, c + 1);
                }
                out.set(r, c, ((h[0] + h[1]) + h[2]) * (1f / 9f));
            }
        }
        return out;
    }

    /** Dwt97's taps (the kernel's constants), -4..4. */
    static final float[] DWT97_LOW = {0x1.b6406cp-6f, -0x1.144d3cp-6f, -0x1.40670ap-4f, 0x1.1144d4p-2f,
        0x1.34b5bcp-1f, 0x1.1144d4p-2f, -0x1.40670ap-4f, -0x1.144d3cp-6f, 0x1.b6406cp-6f};
    static final float[] DWT97_HIGH = {0f, 0x1.75d962p-4f, -0x1.d76586p-5f, -0x1.2ebb2cp-1f, 0x1.1d7658p0f,
        -0x1.2ebb2cp-1f, -0x1.d76586p-5f, 0x1.75d962p-4f, 0f};

    /** Dwt97.forward per cell: filters by absolute parity, rows then columns, each sum from 0. */
    static FloatMatrix javaDwt97(FloatMatrix src) {
        FloatMatrix out = FloatMatrix.create(src.rows(), src.cols());
        for (int r = 0; r < src.rows(); r++) {
            float[] fr = r % 2 == 0 ? DWT97_LOW : DWT97_HIGH;
            for (int c = 0; c < src.cols(); c++) {
                float[] fc = c % 2 == 0 ? DWT97_LOW : DWT97_HIGH;
                float sum = 0f;
                for (int i = 0; i < 9; i++) {
                    float h = 0f;
                    for (int j = 0; j < 9; j++) {
                        h += fc[j] * src.get(r + i - 4, c + j - 4);
                    }
                    sum += fr[i] * h;
                }
                out.set(r, c, sum);
            }
        }
        return out;
    }

    /**
     * Dct8x8.forward one cell at a time, in its operation order: the row pass of the cell's
     * 8 x 8 block, then its column pass, each sum from index 0 up, with the coefficients a(u) cos((2x + 1)
     * u pi / 16) computed in double and rounded once, as Dct8x8.COS.
     */
    static FloatMatrix javaDct8x8(FloatMatrix src) {
        float[] cos = new float[64];
        for (int u = 0; u < 8; u++) {
            double a = Math.sqrt((u == 0 ? 1.0 : 2.0) / 8);
            for (int x = 0; x < 8; x++) {
                cos[u * 8 + x] = (float) (a * Math.cos((2 * x + 1) * u * Math.PI / 16));
            }
        }
        FloatMatrix out = FloatMatrix.create(src.rows(), src.cols());
        float[] rowPass = new float[8];
        for (int r = 0; r < src.rows(); r++) {
            for (int c = 0; c < src.cols(); c++) {
                int br = r & ~7;
                int bc = c & ~7;
                int v = r & 7;
                int u = c & 7;
                for (int y = 0; y < 8; y++) {
                    float s = cos[u * 8] * src.get(br + y, bc);
                    for (int x = 1; x < 8; x++) {
                        s = s + cos[u * 8 + x] * src.get(br + y, bc + x);
                    }
                    rowPass[y] = s;
                }
                float s = cos[v * 8] * rowPass[0];
                for (int y = 1; y < 8; y++) {
                    s = s + cos[v * 8 + y] * rowPass[y];
                }
                out.set(r, c, s);
            }
        }
        return out;
    }

    // fp32 stencils are bitwise equal to the Java bodies: same operation order, no fused multiply-add.
    // Tiles of 97 x 131 leave ragged edge tiles on both sides; 256 x 256 is the bench's tile.
    @ParameterizedTest(name = "{0} stream(s), tiles {1} x {2}")
    @CsvSource({"1, 97, 131", "2, 97, 131", "2, 256, 256"})
    void sobel3IsBitwiseTheJavaFormula(int streams, int tileRows, int tileCols) {
        FloatMatrix src = GpuTestImages.image(1000, 777, 1).withBorder(Border.REFLECT_101);
        GpuTestImages.assertBitwise("sobel3", tile2dOnGpu(SOBEL, "sobel3", 1, src, streams, tileRows, tileCols), javaSobel3(src));
    }

    @ParameterizedTest(name = "{0} stream(s), tiles {1} x {2}")
    @CsvSource({"1, 97, 131", "2, 64, 300"})
    void sharpen3AndBlur5AreBitwiseTheJavaFormulasOnAView(int streams, int tileRows, int tileCols) {
        FloatMatrix src = GpuTestImages.imageView(517, 1030, 2).withBorder(Border.REFLECT_101);
        GpuTestImages.assertBitwise("sharpen3", tile2dOnGpu(FILTERS, "sharpen3", 1, src, streams, tileRows, tileCols), javaSharpen3(src));
        GpuTestImages.assertBitwise("blur5", tile2dOnGpu(FILTERS, "blur5", 2, src, streams, tileRows, tileCols), javaBlur5(src));
    }

    @ParameterizedTest(name = "{0} stream(s), tiles {1} x {2}")
    @CsvSource({"1, 97, 131", "2, 256, 256"})
    void laplacian3AndMean3AreBitwiseTheJavaFormulasOnAView(int streams, int tileRows, int tileCols) {
        FloatMatrix src = GpuTestImages.imageView(517, 1030, 3).withBorder(Border.REFLECT_101);
        GpuTestImages.assertBitwise("laplacian3", tile2dOnGpu(LAPLACIAN, "laplacian3", 1, src, streams, tileRows, tileCols),
                javaLaplacian3(src));
        GpuTestImages.assertBitwise("mean3", tile2dOnGpu(MEAN, "mean3", 1, src, streams, tileRows, tileCols), javaMean3(src));
    }

    /**
     * fdwt97 is launched PER_CELL_AT_ORIGIN: tiles of 63 start at odd rows and columns, where only the origin
     * tells the kernel which filter a cell takes.
     */
    @Test
    void fdwt97TilesAtOddOriginsAreBitwiseTheJavaBody() {
        FloatMatrix src = GpuTestImages.image(300, 301, 4).withBorder(Border.REFLECT_101);
        FloatMatrix dst = FloatMatrix.create(300, 301);
        VopCall call = VopCall.builder("fdwt97", Partition.TILE_2D).shape(300, 301).halo(4)
                .border(Border.REFLECT_101).tileHint(63, 63)
                .arg("src", VopCall.Role.IN, src).arg("dst", VopCall.Role.OUT, dst)
                .implementation(GpuKernelRef.class, new GpuKernelRef(GpuDevice.class, "dev/shmt/apps/dwt/dwt.ptx", "fdwt97",
                        GpuKernel.Launch.PER_CELL_AT_ORIGIN)).build();
        try (ShmtRuntime rt = runtime(1)) {
            assertThat(rt.execute(call).hlopsOn("gpu")).isEqualTo(25);
        }
        GpuTestImages.assertBitwise("fdwt97", dst, javaDwt97(src));
    }

    // Tiles of whole 8 x 8 blocks: 96 x 136 leaves ragged edge tiles (40 rows, 80 columns) and widths that
    // are not multiples of the kernel's 32-thread blocks; 256 x 256 leaves 8-wide edges.
    @ParameterizedTest(name = "{0} stream(s), tiles {1} x {2}")
    @CsvSource({"1, 96, 136", "2, 256, 256"})
    void dct8x8IsBitwiseTheJavaBodyOnAView(int streams, int tileRows, int tileCols) {
        FloatMatrix src = GpuTestImages.imageView(520, 1032, 4);
        GpuTestImages.assertBitwise("dct8x8", tile2dOnGpu(DCT8X8, "dct8x8", 0, src, streams, tileRows, tileCols), javaDct8x8(src));
    }

    /**
     * A tile that is not whole blocks (here a hand-built call without tileMultiple; Dct8x8.forward's calls
     * declare it) is written as NaN, never as a wrong DCT.
     */
    @Test
    void dct8x8WritesNaNForTilesOfPartialBlocks() {
        FloatMatrix out = tile2dOnGpu(DCT8X8, "dct8x8", 0, GpuTestImages.image(48, 48, 5), 1, 12, 20);
        for (int r = 0; r < 48; r++) {
            for (int c = 0; c < 48; c++) {
                assertWithMessage("cell (%s, %s)", r, c).that(out.get(r, c)).isNaN();
            }
        }
    }

    /**
     * Blackscholes against a double-precision evaluation of the same formulas. Tolerance: 1e-5 x (S + X)
     * per price, about five times the fp32 rounding of the ~30 operations when the two terms of a price
     * nearly cancel.
     */
    @Test
    void blackscholesMatchesTheDoubleFormulas() {
        int n = 100_003;
        SplittableRandom rnd = new SplittableRandom(3);
        FloatArray s = FloatArray.create(n);
        FloatArray x = FloatArray.create(n);
        FloatArray t = FloatArray.create(n);
        for (int i = 0; i < n; i++) {
            s.set(i, (float) (5 + 25 * rnd.nextDouble()));
            x.set(i, (float) (1 + 99 * rnd.nextDouble()));
            t.set(i, (float) (0.25 + 9.75 * rnd.nextDouble()));
        }
        FloatArray call = FloatArray.create(n);
        FloatArray put = FloatArray.create(n);
        float r = 0.02f;
        float v = 0.30f;
        VopCall vop = VopCall.builder("blackscholes", Partition.ELEMENTWISE).length(n).chunkHint(16_384)
                .arg("s", VopCall.Role.IN, s).arg("x", VopCall.Role.IN, x).arg("t", VopCall.Role.IN, t)
                .arg("r", VopCall.Role.SCALAR, r).arg("v", VopCall.Role.SCALAR, v)
                .arg("call", VopCall.Role.OUT, call).arg("put", VopCall.Role.OUT, put)
                .implementation(GpuKernelRef.class,
                        new GpuKernelRef(GpuDevice.class, "dev/shmt/apps/blackscholes/blackscholes.ptx", "blackscholes"))
                .build();
        try (ShmtRuntime rt = runtime(2)) {
            rt.execute(vop);
        }
        for (int i = 0; i < n; i++) {
            double sv = s.get(i);
            double xv = x.get(i);
            double tv = t.get(i);
            double sqrtT = Math.sqrt(tv);
            double d1 = (Math.log(sv / xv) + (r + 0.5 * v * v) * tv) / (v * sqrtT);
            double d2 = d1 - v * sqrtT;
            double expRT = Math.exp(-r * tv);
            double c = sv * cnd(d1) - xv * expRT * cnd(d2);
            double p = xv * expRT * (1 - cnd(d2)) - sv * (1 - cnd(d1));
            double tol = 1e-5 * (sv + xv);
            assertWithMessage("call %s", i).that((double) call.get(i)).isWithin(tol).of(c);
            assertWithMessage("put %s", i).that((double) put.get(i)).isWithin(tol).of(p);
        }
    }

    /** The Abramowitz-Stegun approximation the CUDA sample uses, in double. */
    static double cnd(double d) {
        double k = 1.0 / (1.0 + 0.2316419 * Math.abs(d));
        double c = 0.39894228040143267793994605993438 * Math.exp(-0.5 * d * d)
                * (k * (0.31938153 + k * (-0.356563782 + k * (1.781477937 + k * (-1.821255978 + k * 1.330274429)))));
        return d > 0 ? 1 - c : c;
    }

    /**
     * Row FFTs against a double DFT. Tolerance: 1e-6 x log2(N) x the row's L2 norm per output, the
     * growth of fp32 rounding through log2(N) butterfly stages with a margin of about ten.
     */
    @Test
    void fftRowsMatchTheDoubleDft() {
        for (int n : List.of(8, 1024, 8192)) {
            int rows = 24;
            SplittableRandom rnd = new SplittableRandom(n);
            FloatMatrix re = FloatMatrix.create(rows, n);
            FloatMatrix im = FloatMatrix.create(rows, n);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < n; c++) {
                    re.set(r, c, (float) (2 * rnd.nextDouble() - 1));
                    im.set(r, c, r % 2 == 0 ? 0f : (float) (2 * rnd.nextDouble() - 1));
                }
            }
            FloatMatrix outRe = FloatMatrix.create(rows, n);
            FloatMatrix outIm = FloatMatrix.create(rows, n);
            VopCall vop = VopCall.builder("fft_rows", Partition.ROWS).shape(rows, n).tileHint(5, 0)
                    .arg("re", VopCall.Role.IN, re).arg("im", VopCall.Role.IN, im)
                    .arg("outRe", VopCall.Role.OUT, outRe).arg("outIm", VopCall.Role.OUT, outIm)
                    .implementation(GpuKernelRef.class, new GpuKernelRef(GpuDevice.class, "dev/shmt/apps/fft/fft.ptx",
                            "fft_rows", GpuKernel.Launch.PER_ROW))
                    .build();
            try (ShmtRuntime rt = runtime(n == 1024 ? 1 : 2)) {
                rt.execute(vop);
            }
            int checkedRows = n > 1024 ? 3 : rows; // the O(N^2) reference is slow for long rows
            double[] cos = new double[n];
            double[] sin = new double[n];
            for (int m = 0; m < n; m++) {
                cos[m] = Math.cos(-2 * Math.PI * m / n);
                sin[m] = Math.sin(-2 * Math.PI * m / n);
            }
            for (int r = 0; r < checkedRows; r++) {
                double norm = 0;
                for (int c = 0; c < n; c++) {
                    norm += re.get(r, c) * (double) re.get(r, c) + im.get(r, c) * (double) im.get(r, c);
                }
                double tol = 1e-6 * (31 - Integer.numberOfLeadingZeros(n)) * Math.sqrt(norm) + 1e-6;
                for (int k = 0; k < n; k++) {
                    double sr = 0;
                    double si = 0;
                    for (int j = 0; j < n; j++) {
                        int m = (int) ((long) k * j % n);
                        sr += re.get(r, j) * cos[m] - im.get(r, j) * sin[m];
                        si += re.get(r, j) * sin[m] + im.get(r, j) * cos[m];
                    }
                    assertWithMessage("N=%s row %s bin %s re", n, r, k).that((double) outRe.get(r, k)).isWithin(tol).of(sr);
                    assertWithMessage("N=%s row %s bin %s im", n, r, k).that((double) outIm.get(r, k)).isWithin(tol).of(si);
                }
            }
        }
    }
}
