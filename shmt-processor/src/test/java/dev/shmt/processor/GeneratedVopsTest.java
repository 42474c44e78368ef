package dev.shmt.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import dev.shmt.api.Border;
import dev.shmt.api.DeviceKind;
import dev.shmt.api.FloatArray;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.GpuKernel;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.api.VopCall;
import dev.shmt.api.gpu.GpuKernelRef;
import dev.shmt.api.npu.NpuKernel;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compiles one VOP class per partition model with the processor, then runs the generated methods on
 * the real runtime (small tiles, so many HLOPs) and compares them with the annotated methods called
 * directly on the whole data: bitwise, since the CPU device is exact.
 */
class GeneratedVopsTest {
    static final String[] OPS = {
        "public final class Ops {",
        "    private Ops() {}",
        "",
        "    /** A 3 x 3 weighted blur: a stencil with halo 1. */",
        "    @Vop(partition = Partition.TILE_2D, halo = 1, border = Border.REFLECT_101, criticality = \"brightest\")",
        "    @GpuKernel(ptx = \"/fixtures/blur.ptx\", function = \"blur\", launch = GpuKernel.Launch.PER_ROW)",
        "    @NpuModel(BlurModel.class)",
        "    @EmulationCost(kind = DeviceKind.NPU, opsPerCell = 18, bytesPerCell = 2)",
        "    @EmulationCost(kind = DeviceKind.CPU, opsPerCell = 12, bytesPerCell = 8)",
        "    @EmulationCost(kind = DeviceKind.GPU, opsPerCell = 12.5, bytesPerCell = 8)",
        "    public static void blur(@In FloatMatrix src, @Out FloatMatrix dst) {",
        "        for (int r = 0; r < dst.rows(); r++) {",
        "            for (int c = 0; c < dst.cols(); c++) {",
        "                float s = 4f * src.get(r, c) + src.get(r - 1, c) + src.get(r + 1, c)",
        "                        + src.get(r, c - 1) + src.get(r, c + 1) - 0.5f * src.get(r - 1, c - 1);",
        "                dst.set(r, c, s / 7.5f);",
        "            }",
        "        }",
        "    }",
        "",
        "    /** Two outputs and a scalar; CLAMP borders. */",
        "    @Vop(partition = Partition.TILE_2D, halo = 1, tileRows = 5, tileCols = 6)",
        "    public static void gradient(@In FloatMatrix src, @Out FloatMatrix dx, @Out FloatMatrix dy, float k) {",
        "        for (int r = 0; r < dx.rows(); r++) {",
        "            for (int c = 0; c < dx.cols(); c++) {",
        "                dx.set(r, c, k * (src.get(r, c + 1) - src.get(r, c - 1)));",
        "                dy.set(r, c, k * (src.get(r + 1, c) - src.get(r - 1, c)));",
        "            }",
        "        }",
        "    }",
        "",
        "    @Vop(partition = Partition.ELEMENTWISE)",
        "    public static void saxpy(float a, @In FloatArray x, @In FloatArray y, @Out FloatArray out) {",
        "        for (int i = 0; i < out.length(); i++) {",
        "            out.set(i, a * x.get(i) + y.get(i));",
        "        }",
        "    }",
        "",
        "    /** Each output row: the running sum of the input row as (re, im) pairs, twice as wide. */",
        "    @Vop(partition = Partition.ROWS)",
        "    public static void prefix(@In FloatMatrix src, @Out FloatMatrix pairs) {",
        "        for (int r = 0; r < src.rows(); r++) {",
        "            float s = 0f;",
        "            for (int c = 0; c < src.cols(); c++) {",
        "                s += src.get(r, c);",
        "                pairs.set(r, 2 * c, s);",
        "                pairs.set(r, 2 * c + 1, -s);",
        "            }",
        "        }",
        "    }",
        "",
        "    @Vop(partition = Partition.REDUCE, combiner = \"larger\")",
        "    public static float max(@In FloatArray a) {",
        "        float m = Float.NEGATIVE_INFINITY;",
        "        for (int i = 0; i < a.length(); i++) {",
        "            m = Math.max(m, a.get(i));",
        "        }",
        "        return m;",
        "    }",
        "",
        "    static float larger(float a, float b) {",
        "        return Math.max(a, b);",
        "    }",
        "",
        "    /** Exact in double for integer-valued floats, so chunked and whole sums agree bitwise. */",
        "    @Vop(partition = Partition.REDUCE, combiner = \"plus\")",
        "    public static Double sum(@In FloatArray a) {",
        "        double s = 0;",
        "        for (int i = 0; i < a.length(); i++) {",
        "            s += a.get(i);",
        "        }",
        "        return s;",
        "    }",
        "",
        "    /** How many values fall in [k, k + 1), k = 0 ... 15; its kernel adds into 16 zeroed counters. */",
        "    @Vop(partition = Partition.REDUCE, combiner = \"addCounts\")",
        "    @GpuKernel(ptx = \"/fixtures/count.ptx\", function = \"count16\", partialLength = 16)",
        "    public static long[] count16(@In FloatArray a) {",
        "        long[] n = new long[16];",
        "        for (int i = 0; i < a.length(); i++) {",
        "            if (a.get(i) >= 0f && a.get(i) < 16f) n[(int) a.get(i)]++;",
        "        }",
        "        return n;",
        "    }",
        "",
        "    static long[] addCounts(long[] a, long[] b) {",
        "        long[] s = new long[16];",
        "        for (int k = 0; k < 16; k++) s[k] = a[k] + b[k];",
        "        return s;",
        "    }",
        "",
        "    /**",
        "     * Sums of 4 x 4 blocks (cut at the matrix's edge) into their first cell: right only on tiles of whole",
        "     * blocks, so tiles come in multiples of 4.",
        "     */",
        "    @Vop(partition = Partition.TILE_2D, tileMultiple = 4)",
        "    public static void blockSums(@In FloatMatrix src, @Out FloatMatrix dst) {",
        "        for (int r = 0; r < dst.rows(); r++) {",
        "            for (int c = 0; c < dst.cols(); c++) {",
        "                float s = 0f;",
        "                for (int i = 0; r % 4 == 0 && c % 4 == 0 && i < 16; i++) {",
        "                    if (r + i / 4 < dst.rows() && c + i % 4 < dst.cols()) s += src.get(r + i / 4, c + i % 4);",
        "                }",
        "                dst.set(r, c, s);",
        "            }",
        "        }",
        "    }",
        "",
        "    /** blur's criticality: its brightest sampled cell. */",
        "    static double brightest(float[] src) {",
        "        double m = 0;",
        "        for (float v : src) m = Math.max(m, v);",
        "        return m;",
        "    }",
        "",
        "    static Double plus(Double a, Double b) {",
        "        return a + b;",
        "    }",
        "",
        "    public static final class BlurModel implements dev.shmt.api.npu.NpuKernel {",
        "        public Object run(dev.shmt.api.npu.NpuContext npu, VopCall call, Region region) {",
        "            throw new UnsupportedOperationException(\"compile-time binding test only\");",
        "        }",
        "    }",
        "}",
    };

    static Compilation compilation;
    static Class<?> ops;
    static Class<?> vops;
    static Shmt shmt;

    @BeforeAll
    static void compileAndStart() throws Exception {
        JavaFileObject src = Sources.source("Ops", OPS);
        compilation = Sources.compile(src);
        assertThat(compilation).succeededWithoutWarnings();
        ClassLoader loader = Sources.load(compilation);
        ops = loader.loadClass("test.Ops");
        vops = loader.loadClass("test.OpsVops");
        shmt = Shmt.builder().devices("cpu").cpuThreads(2).tileHint(7, 9).chunkHint(1024).build();
    }

    @AfterAll
    static void stop() {
        shmt.close();
    }

    private static Object call(Class<?> c, String name, Object... args) throws Throwable {
        for (Method m : c.getMethods()) {
            // Overloads of one name differ in parameter count here (the runtime comes first).
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(null, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new AssertionError("no method " + name + " with " + args.length + " parameters in " + c);
    }

    private static Object[] withRuntime(Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = shmt;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    static FloatMatrix image(int rows, int cols, long seed) {
        FloatMatrix m = FloatMatrix.create(rows, cols);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m.set(r, c, (r * 3 + c) % 17 + (float) rnd.nextDouble());
            }
        }
        return m;
    }

    @Test
    void generatedSourceIsMarkedAndReadable() throws Exception {
        String text = compilation.generatedSourceFile("test.OpsVops").orElseThrow().getCharContent(true).toString();
        assertThat(text).contains("@Generated(\n        value = \"dev.shmt.processor.VopProcessor\"");
        assertThat(text).contains("public final class OpsVops {");
        assertThat(text).contains("public static Report blur(FloatMatrix src, FloatMatrix dst) {");
        assertThat(text).contains("public static Report blur(Shmt shmt, FloatMatrix src, FloatMatrix dst) {");
        assertThat(text).contains("VopChecks.notAliased(BLUR, \"dst\", dst, \"src\", src, 1);");
        assertThat(text).contains("FloatMatrix srcIn = src.withBorder(Border.REFLECT_101);");
        assertThat(text).contains("Ops.blur(srcIn.tile(region, 1), dst.region(region));");
        assertThat(text).contains("public static float max(Shmt shmt, FloatArray a) {");
        assertThat(text).contains("public static Report maxWithReport(Shmt shmt, FloatArray a) {");
        assertThat(text).contains(".<Float>combiner(Ops::larger)");
        assertThat(text).contains(".cost(DeviceKind.CPU, 12.0, 8.0)\n"
                + "                .cost(DeviceKind.GPU, 12.5, 8.0)\n"
                + "                .cost(DeviceKind.NPU, 18.0, 2.0)\n");
        // No reflection: the generated class calls the methods and constructors it binds directly.
        assertThat(text).doesNotContain("java.lang.reflect");
        assertThat(text).doesNotContain("getMethod");
    }

    @Test
    void tiledStencilEqualsTheWholeMatrixCall() throws Throwable {
        FloatMatrix src = image(61, 47, 1);
        FloatMatrix ref = FloatMatrix.create(61, 47);
        call(ops, "blur", src.withBorder(Border.REFLECT_101), ref);
        FloatMatrix dst = FloatMatrix.create(61, 47);
        Report report = (Report) call(vops, "blur", withRuntime(src, dst));
        assertThat(dst.toArray()).isEqualTo(ref.toArray());
        assertThat(report.hlops()).hasSize(9 * 6); // ceil(61 / 7) x ceil(47 / 9)
        assertThat(report.vop()).isEqualTo("Ops.blur");
    }

    @Test
    void stencilWithTwoOutputsAndAScalar() throws Throwable {
        FloatMatrix src = image(33, 20, 2);
        FloatMatrix dx = FloatMatrix.create(33, 20);
        FloatMatrix dy = FloatMatrix.create(33, 20);
        FloatMatrix rx = FloatMatrix.create(33, 20);
        FloatMatrix ry = FloatMatrix.create(33, 20);
        call(ops, "gradient", src, rx, ry, 0.5f);
        call(vops, "gradient", withRuntime(src, dx, dy, 0.5f));
        assertThat(dx.toArray()).isEqualTo(rx.toArray());
        assertThat(dy.toArray()).isEqualTo(ry.toArray());
    }

    @Test
    void elementwiseEqualsTheWholeArrayCall() throws Throwable {
        float[] x = new float[10_000];
        float[] y = new float[10_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i * 0.25f;
            y[i] = (i % 13) - 6.5f;
        }
        FloatArray ref = FloatArray.create(x.length);
        call(ops, "saxpy", 1.5f, FloatArray.wrap(x), FloatArray.wrap(y), ref);
        FloatArray out = FloatArray.create(x.length);
        Report report = (Report) call(vops, "saxpy", withRuntime(1.5f, FloatArray.wrap(x), FloatArray.wrap(y), out));
        assertThat(out.toArray()).isEqualTo(ref.toArray());
        assertThat(report.hlops()).hasSize(10); // 1024-float chunks

        // In place: the output is the very same view as an input.
        FloatArray yView = FloatArray.wrap(y.clone());
        call(vops, "saxpy", withRuntime(1.5f, FloatArray.wrap(x), yView, yView));
        assertThat(yView.toArray()).isEqualTo(ref.toArray());
    }

    @Test
    void rowBlocksKeepEachViewsWidth() throws Throwable {
        FloatMatrix src = image(23, 16, 3);
        FloatMatrix ref = FloatMatrix.create(23, 32);
        call(ops, "prefix", src, ref);
        FloatMatrix pairs = FloatMatrix.create(23, 32);
        Report report = (Report) call(vops, "prefix", withRuntime(src, pairs));
        assertThat(pairs.toArray()).isEqualTo(ref.toArray());
        assertThat(report.hlops()).hasSize(4); // ceil(23 / 7) row blocks
    }

    @Test
    void reductionsCombineInOrder() throws Throwable {
        float[] data = new float[9_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (i * 7919) % 1000;
        }
        FloatArray a = FloatArray.wrap(data);
        assertThat(call(vops, "max", withRuntime(a))).isEqualTo(call(ops, "max", a));
        assertThat(call(vops, "sum", withRuntime(a))).isEqualTo(call(ops, "sum", a));
        Report report = (Report) call(vops, "sumWithReport", withRuntime(a));
        assertThat(report.result()).isEqualTo(call(ops, "sum", a));
        assertThat(report.hlops()).hasSize(9);
    }

    @Test
    void theDefaultRuntimeOverloadRuns() throws Throwable {
        FloatArray a = FloatArray.wrap(new float[] {3f, -1f, 8f, 2f});
        assertThat(call(vops, "max", a)).isEqualTo(8f);
    }

    @Test
    void deviceImplementationsAreBoundToTheCall() throws Throwable {
        List<VopCall> seen = new ArrayList<>();
        Shmt recording = new RecordingShmt(shmt, seen);
        FloatMatrix src = image(10, 10, 4); // at least the runtime's 7 x 9 tile hint
        call(vops, "blur", recording, src, FloatMatrix.create(10, 10));
        VopCall c = seen.get(0);
        assertThat(c.implementation(GpuKernelRef.class))
                .isEqualTo(new GpuKernelRef(ops, "fixtures/blur.ptx", "blur", GpuKernel.Launch.PER_ROW));
        assertThat(c.implementation(NpuKernel.class).getClass().getName()).isEqualTo("test.Ops$BlurModel");
        assertThat(c.args().stream().map(a -> a.name() + ":" + a.role()).toList())
                .containsExactly("src:IN", "dst:OUT").inOrder();
        assertThat(c.halo()).isEqualTo(1);
        assertThat(c.border()).isEqualTo(Border.REFLECT_101);
        // The VOP's own criticality metric, called with one float[] per @In view.
        assertThat(c.criticality().name()).isEqualTo("Ops.brightest");
        assertThat(c.criticality().score(new float[][] {{1f, 7f, 3f}})).isEqualTo(7.0);
        assertThat(callWithoutAMetric().criticality()).isNull();
        // Its emulation costs, by kind.
        assertThat(c.costs().values()).containsExactly(new VopCall.Cost(DeviceKind.CPU, 12, 8),
                new VopCall.Cost(DeviceKind.GPU, 12.5, 8), new VopCall.Cost(DeviceKind.NPU, 18, 2)).inOrder();
        assertThat(callWithoutAMetric().costs()).isEmpty();
    }

    @Test
    void aReduceKernelIsBoundWithItsPartialResult() throws Throwable {
        List<VopCall> seen = new ArrayList<>();
        float[] data = new float[3000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (i * 31) % 20 - 2; // -2 ... 17: some outside [0, 16)
        }
        long[] whole = (long[]) call(ops, "count16", FloatArray.wrap(data));
        assertThat(call(vops, "count16", new RecordingShmt(shmt, seen), FloatArray.wrap(data))).isEqualTo(whole);
        assertThat(seen.get(0).implementation(GpuKernelRef.class)).isEqualTo(new GpuKernelRef(ops, "fixtures/count.ptx",
                "count16", GpuKernel.Launch.PER_CELL,
                new GpuKernelRef.Partial(GpuKernel.PartialType.UINT32, 16, long[].class)));
    }

    /** A 7 x 9 tile hint becomes 4 x 8: every tile starts on a 4 x 4 block. */
    @Test
    void tilesComeInTheVopsMultiple() throws Throwable {
        FloatMatrix src = image(22, 30, 7);
        FloatMatrix ref = FloatMatrix.create(22, 30);
        call(ops, "blockSums", src, ref);
        FloatMatrix dst = FloatMatrix.create(22, 30);
        List<VopCall> seen = new ArrayList<>();
        Report report;
        // A runtime of its own: a tile that is not whole blocks fails its HLOPs and would quarantine the shared one's cpu.
        try (Shmt own = Shmt.builder().devices("cpu").cpuThreads(2).tileHint(7, 9).build()) {
            report = (Report) call(vops, "blockSums", new RecordingShmt(own, seen), src, dst);
        }
        assertThat(seen.get(0).tileMultiple()).isEqualTo(4);
        assertThat(dst.toArray()).isEqualTo(ref.toArray());
        for (Report.HlopRecord h : report.hlops()) {
            assertThat(h.region().row() % 4).isEqualTo(0);
            assertThat(h.region().col() % 4).isEqualTo(0);
            assertThat(h.region().rows()).isAnyOf(4, 22 % 4);
            assertThat(h.region().cols()).isAnyOf(8, 30 % 8);
        }
    }

    /** The call of a VOP that names no criticality metric. */
    private static VopCall callWithoutAMetric() throws Throwable {
        List<VopCall> seen = new ArrayList<>();
        FloatArray x = FloatArray.create(2048); // at least the runtime's chunk hint
        call(vops, "saxpy", new RecordingShmt(shmt, seen), 2f, x, x, FloatArray.create(2048));
        return seen.get(0);
    }

    @Test
    void badArgumentsAreRefusedBeforeAnythingIsWritten() throws Throwable {
        FloatMatrix src = image(10, 12, 5);
        FloatMatrix dst = FloatMatrix.create(10, 11);
        Arrays.fill(dst.array(), 42f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> call(vops, "blur", withRuntime(src, dst)));
        assertThat(e).hasMessageThat().isEqualTo("Ops.blur: argument 'dst' must be 10 x 12 like 'src', got 10 x 11");
        assertThat(dst.toArray()).isEqualTo(filled(110, 42f));

        e = assertThrows(IllegalArgumentException.class, () -> call(vops, "blur", withRuntime(null, dst)));
        assertThat(e).hasMessageThat().isEqualTo("Ops.blur: argument 'src' must not be null");

        e = assertThrows(IllegalArgumentException.class,
                () -> call(vops, "blur", null, src, FloatMatrix.create(10, 12)));
        assertThat(e).hasMessageThat().isEqualTo("Ops.blur: argument 'shmt' must not be null");

        // A stencil may not write where it reads, not even in place.
        e = assertThrows(IllegalArgumentException.class, () -> call(vops, "blur", withRuntime(src, src)));
        assertThat(e).hasMessageThat().contains("output 'dst' must not overlap input 'src'");

        FloatMatrix both = FloatMatrix.create(10, 12);
        e = assertThrows(IllegalArgumentException.class,
                () -> call(vops, "gradient", withRuntime(src, both, both, 1f)));
        assertThat(e).hasMessageThat().isEqualTo("Ops.gradient: outputs 'dx' and 'dy' must not overlap");

        FloatArray x = FloatArray.create(100);
        FloatArray shortOut = FloatArray.create(99);
        e = assertThrows(IllegalArgumentException.class,
                () -> call(vops, "saxpy", withRuntime(1f, x, x, shortOut)));
        assertThat(e).hasMessageThat().isEqualTo("Ops.saxpy: argument 'out' must have length 100 like 'x', got 99");

        FloatArray data = FloatArray.create(100);
        e = assertThrows(IllegalArgumentException.class,
                () -> call(vops, "saxpy", withRuntime(1f, data.slice(0, 50), data.slice(0, 50), data.slice(10, 50))));
        assertThat(e).hasMessageThat().contains("output 'out' partly overlaps input 'x'");

        e = assertThrows(IllegalArgumentException.class,
                () -> call(vops, "prefix", withRuntime(image(5, 4, 6), FloatMatrix.create(6, 8))));
        assertThat(e).hasMessageThat().isEqualTo("Ops.prefix: argument 'pairs' must have 5 rows like 'src', got 6 x 8");
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }
}
