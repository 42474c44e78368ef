package dev.shmt.apps;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.Border;
import dev.shmt.api.FloatArray;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Region;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.apps.blackscholes.Blackscholes;
import dev.shmt.apps.blackscholes.BlackscholesVops;
import dev.shmt.apps.fft.FftVops;
import dev.shmt.apps.sobel.Sobel;
import dev.shmt.apps.sobel.SobelVops;
import dev.shmt.examples.FiltersVops;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #8's bad input, through what a user touches: the generated {@code *Vops} methods, the views and
 * the runtime builder. Every case is refused before anything is written, with a message naming the
 * argument, what was expected and what was got: each case's outputs are filled with a sentinel first
 * and must still hold it afterwards. Then the inputs that are allowed: NaN and infinity flow through,
 * and QAWS treats a tile holding them as critical.
 */
class BadInputTest {
    private static final float SENTINEL = -7f;
    private static final int N = 64;
    private static final int OPTIONS = 1000;

    /** The runtime of the cases that need no settings of their own. */
    private static Shmt cpu;

    @BeforeAll
    static void start() {
        cpu = Shmt.builder().devices("cpu").cpuThreads(2).build();
    }

    @AfterAll
    static void stop() {
        cpu.close();
    }

    /** One case's outputs: each is filled with the sentinel when made, and watched. */
    static final class Outputs {
        final List<float[]> watched = new ArrayList<>();

        FloatMatrix matrix(int rows, int cols) {
            FloatMatrix m = FloatMatrix.create(rows, cols);
            watch(m.array());
            return m;
        }

        FloatArray array(int length) {
            FloatArray a = FloatArray.create(length);
            watch(a.array());
            return a;
        }

        void watch(float[] a) {
            Arrays.fill(a, SENTINEL);
            watched.add(a);
        }
    }

    /** What a user does, up to the call that must refuse it. */
    interface Attempt {
        void run(Outputs out);
    }

    record Case(String name, Class<? extends RuntimeException> type, List<String> expected, Attempt attempt) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case refused(String name, Attempt attempt, String... expected) {
        return new Case(name, IllegalArgumentException.class, List.of(expected), attempt);
    }

    static Stream<Case> cases() {
        return Stream.of(
                // Null arguments: the runtime, an input view, an output view.
                refused("null runtime (sobel)",
                        o -> SobelVops.sobel((Shmt) null, image(N, N), o.matrix(N, N)),
                        "Sobel.sobel: argument 'shmt' must not be null"),
                refused("null input view (sobel src)",
                        o -> SobelVops.sobel(cpu, null, o.matrix(N, N)),
                        "Sobel.sobel: argument 'src' must not be null"),
                refused("null input view (blackscholes x)",
                        o -> price(cpu, prices(), null, years(), o.array(OPTIONS), o.array(OPTIONS)),
                        "Blackscholes.price: argument 'x' must not be null"),
                refused("null output view (blackscholes put)",
                        o -> price(cpu, prices(), prices(), years(), o.array(OPTIONS), null),
                        "Blackscholes.price: argument 'put' must not be null"),
                refused("null output view (fft outIm)",
                        o -> FftVops.rows(cpu, image(8, 16), image(8, 16), o.matrix(8, 16), null),
                        "Fft.rows: argument 'outIm' must not be null"),

                // Shapes that disagree.
                refused("sobel output one column short",
                        o -> SobelVops.sobel(cpu, image(N, N), o.matrix(N, N - 1)),
                        "Sobel.sobel: argument 'dst' must be 64 x 64 like 'src', got 64 x 63"),
                refused("blur5 output one row short",
                        o -> FiltersVops.blur5(cpu, image(N, N), o.matrix(N - 1, N)),
                        "Filters.blur5: argument 'dst' must be 64 x 64 like 'src', got 63 x 64"),
                refused("blackscholes inputs of different lengths",
                        o -> price(cpu, prices(), FloatArray.create(OPTIONS - 1), years(), o.array(OPTIONS),
                                o.array(OPTIONS)),
                        "Blackscholes.price: argument 'x' must have length 1000 like 's', got 999"),
                refused("fft output with fewer rows",
                        o -> FftVops.rows(cpu, image(8, 16), image(8, 16), o.matrix(8, 16), o.matrix(7, 16)),
                        "Fft.rows: argument 'outIm' must have 8 rows like 're', got 7 x 16"),
                refused("fft input with fewer columns",
                        o -> FftVops.rows(cpu, image(8, 16), image(8, 8), o.matrix(8, 16), o.matrix(8, 16)),
                        "Fft.rows: argument 'im' must be 8 x 16 like 're', got 8 x 8"),

                // Outputs too small.
                refused("blackscholes call output half as long",
                        o -> price(cpu, prices(), prices(), years(), o.array(OPTIONS / 2), o.array(OPTIONS)),
                        "Blackscholes.price: argument 'call' must have length 1000 like 's', got 500"),
                refused("sharpen3 output a quarter of the image",
                        o -> FiltersVops.sharpen3(cpu, image(N, N), o.matrix(N / 2, N / 2)),
                        "Filters.sharpen3: argument 'dst' must be 64 x 64 like 'src', got 32 x 32"),

                // Outputs that share memory with an input or with each other.
                refused("sobel in place (output is the stencil's input)",
                        o -> {
                            FloatMatrix both = o.matrix(N, N);
                            SobelVops.sobel(cpu, both, both);
                        },
                        "Sobel.sobel: output 'dst' must not overlap input 'src'",
                        "a stencil with halo 1 reads cells that other tiles write"),
                refused("blur5 output a sub-view overlapping its input",
                        o -> {
                            FloatMatrix whole = o.matrix(40, 40);
                            FiltersVops.blur5(cpu, whole.region(0, 0, 32, 32), whole.region(4, 4, 32, 32));
                        },
                        "Filters.blur5: output 'dst' must not overlap input 'src'", "halo 2"),
                refused("sharpen3 output one row below its input in the same array",
                        o -> {
                            float[] shared = new float[(N + 1) * N];
                            o.watch(shared);
                            FiltersVops.sharpen3(cpu, FloatMatrix.wrap(shared, 0, N, N, N),
                                    FloatMatrix.wrap(shared, N, N, N, N));
                        },
                        "Filters.sharpen3: output 'dst' must not overlap input 'src'"),
                refused("blackscholes call and put the same array",
                        o -> {
                            FloatArray both = o.array(OPTIONS);
                            price(cpu, prices(), prices(), years(), both, both);
                        },
                        "Blackscholes.price: outputs 'call' and 'put' must not overlap"),
                refused("blackscholes put partly over input s",
                        o -> {
                            FloatArray shared = o.array(2 * OPTIONS);
                            price(cpu, shared.slice(0, OPTIONS), prices(), years(), o.array(OPTIONS),
                                    shared.slice(OPTIONS / 2, OPTIONS));
                        },
                        "Blackscholes.price: output 'put' partly overlaps input 's'",
                        "pass either the same view (in place) or separate memory"),

                // Sizes: zero, negative, past what an int counts.
                refused("matrix with zero rows",
                        o -> sobelInto(o, () -> FloatMatrix.create(0, N)),
                        "rows must be >= 1, got 0"),
                refused("matrix with negative columns",
                        o -> sobelInto(o, () -> FloatMatrix.create(N, -1)),
                        "cols must be >= 1, got -1"),
                refused("array of length zero",
                        o -> priceInto(o, () -> FloatArray.create(0)),
                        "length must be >= 1, got 0"),
                refused("array of negative length",
                        o -> priceInto(o, () -> FloatArray.create(-1000)),
                        "length must be >= 1, got -1000"),
                refused("array wrapping an empty float[]",
                        o -> priceInto(o, () -> FloatArray.wrap(new float[0])),
                        "data.length must be >= 1, got 0"),
                refused("65536 x 65536 matrix (element count past int)",
                        o -> sobelInto(o, () -> FloatMatrix.create(65536, 65536)),
                        "rows x cols = 65536 x 65536 = 4294967296 elements does not fit in a Java array"),
                refused("wrap as 65536 x 65536 (element count past int)",
                        o -> sobelInto(o, () -> FloatMatrix.wrap(new float[N * N], 65536, 65536)),
                        "data has 4096 elements but rows x cols = 65536 x 65536 needs 4294967296"),
                refused("array of Integer.MAX_VALUE elements",
                        o -> priceInto(o, () -> FloatArray.create(Integer.MAX_VALUE)),
                        "length = 2147483647 elements does not fit in a Java array"),

                // Wrapping a backing array.
                refused("wrap with a backing array one short",
                        o -> sobelInto(o, () -> FloatMatrix.wrap(new float[N * N - 1], N, N)),
                        "data has 4095 elements but rows x cols = 64 x 64 needs 4096"),
                refused("wrap at a negative offset",
                        o -> sobelInto(o, () -> FloatMatrix.wrap(new float[N * N], -1, N, N, N)),
                        "offset must be >= 0, got -1"),
                refused("wrap with a stride below the columns",
                        o -> sobelInto(o, () -> FloatMatrix.wrap(new float[N * N], 0, N, N, N - 1)),
                        "stride must be >= cols (64), got 63"),
                refused("wrap at an offset that runs past the end",
                        o -> sobelInto(o, () -> FloatMatrix.wrap(new float[N * N], 1, N, N, N)),
                        "data has 4096 elements but a 64 x 64 view at offset 1 with stride 64 needs 4097"),
                refused("array wrap at a negative offset",
                        o -> priceInto(o, () -> FloatArray.wrap(new float[OPTIONS], -1, OPTIONS)),
                        "offset must be >= 0, got -1"),
                refused("array wrap past the end",
                        o -> priceInto(o, () -> FloatArray.wrap(new float[OPTIONS], 1, OPTIONS)),
                        "offset 1 + length 1000 is outside data of 1000 elements"),
                new Case("wrap of a null float[]", NullPointerException.class, List.of("data must not be null"),
                        o -> sobelInto(o, () -> FloatMatrix.wrap(null, N, N))),

                // Runtime settings, at the builder or at the call they do not fit.
                refused("runtime tileHint(0, 16)",
                        o -> run(o, () -> Shmt.builder().devices("cpu").tileHint(0, 16)),
                        "tileHint must be >= 1 x 1, got 0 x 16"),
                refused("runtime tileHint larger than the sobel matrix",
                        o -> {
                            try (Shmt rt = Shmt.builder().devices("cpu").tileHint(128, 128).build()) {
                                SobelVops.sobel(rt, image(N, N), o.matrix(N, N));
                            }
                        },
                        "Sobel.sobel: the runtime's tileHint must fit in the 64 x 64 matrix, got 128 x 128"),
                refused("runtime tileHint wider than the sharpen3 matrix",
                        o -> {
                            try (Shmt rt = Shmt.builder().devices("cpu").tileHint(16, N + 1).build()) {
                                FiltersVops.sharpen3(rt, image(N, N), o.matrix(N, N));
                            }
                        },
                        "Filters.sharpen3: the runtime's tileHint must fit in the 64 x 64 matrix, got 16 x 65"),
                refused("runtime tileHint taller than the fft rows",
                        o -> {
                            try (Shmt rt = Shmt.builder().devices("cpu").tileHint(16, 16).build()) {
                                FftVops.rows(rt, image(8, 16), image(8, 16), o.matrix(8, 16), o.matrix(8, 16));
                            }
                        },
                        "Fft.rows: the runtime's tileHint must be at most the 8 rows of the 8 x 16 matrix,"
                                + " got 16 rows per HLOP"),
                refused("runtime chunkHint longer than the blackscholes call",
                        o -> {
                            try (Shmt rt = Shmt.builder().devices("cpu").chunkHint(2048).build()) {
                                price(rt, prices(), prices(), years(), o.array(OPTIONS), o.array(OPTIONS));
                            }
                        },
                        "Blackscholes.price: the runtime's chunkHint must be at most the call's length 1000,"
                                + " got 2048"),
                refused("runtime chunkHint(0)",
                        o -> run(o, () -> Shmt.builder().devices("cpu").chunkHint(0)),
                        "chunkHint must be >= 1, got 0"),
                refused("runtime cpuThreads(0)",
                        o -> run(o, () -> Shmt.builder().devices("cpu").cpuThreads(0)),
                        "cpuThreads must be >= 1, got 0"),
                refused("unknown policy name",
                        o -> run(o, () -> Shmt.builder().devices("cpu").policy("fastest")),
                        "policy 'fastest' is unknown; expected one of single:<device>, even, ws, qaws-ls"),
                refused("single: policy naming a device the runtime lacks",
                        o -> run(o, () -> Shmt.builder().devices("cpu").policy("single:gpu")),
                        "policy single:gpu names device 'gpu' but the runtime's devices are [cpu]"),
                refused("unknown device name",
                        o -> run(o, () -> Shmt.builder().devices("cpu", "tpu")),
                        "devices: no device named 'tpu'; found ["),

                // What one VOP needs beyond its partition model.
                refused("fft rows 12 long (not a power of two)",
                        o -> FftVops.rows(cpu, image(8, 12), image(8, 12), o.matrix(8, 12), o.matrix(8, 12)),
                        "Fft.rows: argument 're' must have a power of two of columns, got 12"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedBeforeAnythingIsWritten(Case c) {
        Outputs out = new Outputs();
        RuntimeException e = assertThrows(c.type(), () -> c.attempt().run(out));
        for (String part : c.expected()) {
            assertWithMessage("%s: message", c).that(e).hasMessageThat().contains(part);
        }
        assertWithMessage("%s: outputs watched", c).that(out.watched).isNotEmpty();
        for (int i = 0; i < out.watched.size(); i++) {
            float[] a = out.watched.get(i);
            assertWithMessage("%s: output %s of %s untouched", c, i + 1, out.watched.size())
                    .that(firstNotSentinel(a)).isEqualTo(-1);
        }
    }

    @Test
    void thereAreAtLeastTwentyFourCases() {
        assertWithMessage("cases").that(cases().map(Case::name).distinct().count()).isAtLeast(24L);
    }

    /**
     * Allowed: NaN and both infinities in a stencil's input run like any value. The tiled result is
     * bitwise the VOP called directly on the whole matrix, NaN cells included.
     */
    @Test
    void nanAndInfinityFlowThroughSobel() {
        FloatMatrix src = image(N, N);
        src.set(10, 10, Float.NaN);
        src.set(30, 40, Float.POSITIVE_INFINITY);
        src.set(50, 5, Float.NEGATIVE_INFINITY);
        src.set(0, 63, Float.NaN); // on the whole image's corner: read through the border rule too
        FloatMatrix ref = FloatMatrix.create(N, N);
        Sobel.sobel(src.withBorder(Border.REFLECT_101), ref);
        FloatMatrix dst = FloatMatrix.create(N, N);
        Arrays.fill(dst.array(), SENTINEL);
        try (Shmt rt = Shmt.builder().devices("cpu").cpuThreads(2).tileHint(16, 16).build()) {
            Report r = SobelVops.sobel(rt, src, dst);
            assertWithMessage("HLOPs").that(r.hlops()).hasSize(16);
        }
        assertWithMessage("tiled equals whole-matrix, bitwise").that(Arrays.equals(dst.toArray(), ref.toArray()))
                .isTrue();
        for (int[] cell : new int[][] {{10, 11}, {9, 10}, {0, 62}}) {
            assertWithMessage("NaN reaches neighbour (%s, %s)", cell[0], cell[1])
                    .that(Float.isNaN(dst.get(cell[0], cell[1]))).isTrue();
        }
        assertWithMessage("infinity reaches neighbour (30, 41)").that(dst.get(30, 41)).isPositiveInfinity();
        assertWithMessage("-infinity makes (50, 6) infinite").that(dst.get(50, 6)).isPositiveInfinity();
        assertWithMessage("the finite rest stays finite").that(Float.isFinite(dst.get(40, 20))).isTrue();
    }

    /**
     * Allowed, and critical: under QAWS (top-K, striding samples) on cpu + npu a tile full of NaN scores
     * infinite, so its HLOP record is critical and the report counts the non-finite samples.
     */
    @Test
    void qawsMarksATileWithNanCritical() {
        int tile = 16;
        FloatMatrix src = image(N, N);
        Region nanTile = new Region(16, 32, tile, tile);
        for (int r = nanTile.row(); r < nanTile.row() + tile; r++) {
            for (int c = nanTile.col(); c < nanTile.col() + tile; c++) {
                src.set(r, c, Float.NaN);
            }
        }
        FloatMatrix dst = FloatMatrix.create(N, N);
        Report report;
        try (Shmt rt = Shmt.builder().devices("cpu", "npu").policy("qaws-ts").tileHint(tile, tile).build()) {
            report = SobelVops.sobel(rt, src, dst);
        }
        Report.HlopRecord hlop = report.hlops().stream().filter(h -> h.region().equals(nanTile)).findFirst()
                .orElseThrow(() -> new AssertionError("no HLOP covers " + nanTile + ": " + report.hlopTable()));
        assertWithMessage("the NaN tile is critical\n%s", report.hlopTable()).that(hlop.critical()).isTrue();
        assertWithMessage("its score").that(hlop.criticality()).isPositiveInfinity();
        assertWithMessage("non-finite samples").that(report.nonFiniteSamples()).isGreaterThan(0L);
        assertWithMessage("the critical tile ran on the exact device").that(hlop.device()).isEqualTo("cpu");
        assertWithMessage("its cells are NaN, as the VOP computes them").that(Float.isNaN(dst.get(20, 40))).isTrue();
    }

    // ---- inputs and helpers

    // The output is made (and watched) before the bad argument, which throws as it is made.

    /** Sets up the runtime (which must refuse) and, were it built, runs sobel into a watched output. */
    private static void run(Outputs o, Supplier<Shmt.Builder> builder) {
        FloatMatrix dst = o.matrix(N, N);
        try (Shmt rt = builder.get().build()) {
            SobelVops.sobel(rt, image(N, N), dst);
        }
    }

    /** Sobel from {@code src} into a watched output. */
    private static void sobelInto(Outputs o, Supplier<FloatMatrix> src) {
        FloatMatrix dst = o.matrix(N, N);
        SobelVops.sobel(cpu, src.get(), dst);
    }

    /** Blackscholes with spot prices {@code s} into watched outputs. */
    private static void priceInto(Outputs o, Supplier<FloatArray> s) {
        FloatArray call = o.array(OPTIONS);
        FloatArray put = o.array(OPTIONS);
        price(cpu, s.get(), prices(), years(), call, put);
    }

    private static void price(Shmt rt, FloatArray s, FloatArray x, FloatArray t, FloatArray call, FloatArray put) {
        BlackscholesVops.price(rt, s, x, t, Blackscholes.R, Blackscholes.V, call, put);
    }

    private static FloatMatrix image(int rows, int cols) {
        FloatMatrix m = FloatMatrix.create(rows, cols);
        SplittableRandom rnd = new SplittableRandom(rows * 31L + cols);
        for (int i = 0; i < rows * cols; i++) {
            m.array()[i] = (float) (rnd.nextDouble() * 255);
        }
        return m;
    }

    /** Spot or strike prices, 10 to 100. */
    private static FloatArray prices() {
        FloatArray a = FloatArray.create(OPTIONS);
        for (int i = 0; i < OPTIONS; i++) {
            a.set(i, 10f + (i * 37 % 90));
        }
        return a;
    }

    /** Years to expiry, 0.25 to 10. */
    private static FloatArray years() {
        FloatArray a = FloatArray.create(OPTIONS);
        for (int i = 0; i < OPTIONS; i++) {
            a.set(i, 0.25f + (i % 40) * 0.25f);
        }
        return a;
    }

    /** The index of the first element that is not the sentinel (bitwise), or -1. */
    private static int firstNotSentinel(float[] a) {
        int want = Float.floatToRawIntBits(SENTINEL);
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != want) {
                return i;
            }
        }
        return -1;
    }
}
