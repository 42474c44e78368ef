package dev.shmt.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.shmt.processor.Sources.compile;
import static dev.shmt.processor.Sources.markedLine;
import static dev.shmt.processor.Sources.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Each catalogue error and warning: its id and text, on the element's file and line. */
class ProcessorErrorsTest {
    static void assertError(String message, String... lines) {
        JavaFileObject src = source("Ops", lines);
        Compilation c = compile(src);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining(message).inFile(src).onLine(markedLine(lines));
    }

    static void assertWarning(String message, String... lines) {
        JavaFileObject src = source("Ops", lines);
        Compilation c = compile(src);
        assertThat(c).succeeded();
        assertThat(c).hadWarningContaining(message).inFile(src).onLine(markedLine(lines));
    }

    @Test
    void notStatic() {
        assertError("[ShmtVopNotStatic] @Vop method copy must be static",
                "class Ops {",
                "    @Vop(partition = Partition.ELEMENTWISE)",
                "    void copy(@In FloatArray a, @Out FloatArray b) {} //!",
                "}");
    }

    @Test
    void privateMethod() {
        assertError("[ShmtVopPrivate] @Vop method copy must not be private: the generated class OpsVops calls it",
                "class Ops {",
                "    @Vop(partition = Partition.ELEMENTWISE)",
                "    private static void copy(@In FloatArray a, @Out FloatArray b) {} //!",
                "}");
    }

    @Test
    void privateNestedClass() {
        assertError("[ShmtVopClassHidden] Inner holds @Vop methods, so the generated class must be able to reach"
                        + " it, but Inner is private",
                "class Ops {",
                "    private static class Inner {",
                "        @Vop(partition = Partition.ELEMENTWISE)",
                "        static void copy(@In FloatArray a, @Out FloatArray b) {} //!",
                "    }",
                "}");
    }

    @Test
    void genericMethod() {
        assertError("[ShmtVopGeneric] @Vop method copy must not have type parameters",
                "class Ops {",
                "    @Vop(partition = Partition.ELEMENTWISE)",
                "    static <T> void copy(@In FloatArray a, @Out FloatArray b) {} //!",
                "}");
    }

    @Test
    void checkedException() {
        assertError("[ShmtVopThrows] @Vop method copy must not declare the checked exception java.io.IOException",
                "class Ops {",
                "    @Vop(partition = Partition.ELEMENTWISE)",
                "    static void copy(@In FloatArray a, @Out FloatArray b) throws java.io.IOException {} //!",
                "}");
    }

    @Test
    void returnsWhatTheModelCannotAggregate() {
        assertError("[ShmtVopReturn] @Vop method scale returns float, which TILE_2D cannot aggregate: write results"
                        + " into an @Out view and return void",
                "class Ops {",
                "    @Vop(partition = Partition.TILE_2D)",
                "    static float scale(@In FloatMatrix a, @Out FloatMatrix b) { return 0f; } //!",
                "}");
    }

    @Test
    void reduceReturnsVoid() {
        assertError("[ShmtVopReduceVoid] REDUCE VOP sum returns void",
                "class Ops {",
                "    @Vop(partition = Partition.REDUCE)",
                "    static void sum(@In FloatArray a) {} //!",
                "}");
    }

    @Test
    void noOut() {
        assertError("[ShmtVopNoOut] @Vop method look has no @Out parameter: a ROWS VOP writes its results into @Out views",
                "class Ops {",
                "    @Vop(partition = Partition.ROWS)",
                "    static void look(@In FloatMatrix a) {} //!",
                "}");
    }

    @Test
    void reduceWithOut() {
        assertError("[ShmtVopReduceOut] REDUCE VOP sum must not have the @Out parameter b",
                "class Ops {",
                "    @Vop(partition = Partition.REDUCE, combiner = \"add\")",
                "    static float sum(@In FloatArray a, @Out FloatArray b) { return 0f; } //!",
                "    static float add(float x, float y) { return x + y; }",
                "}");
    }

    @Test
    void reduceWithoutInput() {
        assertError("[ShmtVopNoIn] REDUCE VOP one has no @In FloatArray",
                "class Ops {",
                "    @Vop(partition = Partition.REDUCE, combiner = \"add\")",
                "    static float one(float k) { return k; } //!",
                "    static float add(float x, float y) { return x + y; }",
                "}");
    }

    @Test
    void reduceWhoseOnlyInputIsAScalar() {
        assertError("[ShmtVopNoIn] REDUCE VOP one has no @In FloatArray",
                "class Ops {",
                "    @Vop(partition = Partition.REDUCE, combiner = \"add\")",
                "    static float one(@In float k) { return k; } //!",
                "    static float add(float x, float y) { return x + y; }",
                "}");
    }

    @Test
    void parameterTypeTheSdkCannotPartition() {
        assertError("[ShmtVopParamType] parameter a has type float[], which the SDK cannot partition;"
                        + " wrap the array with FloatArray.wrap or FloatMatrix.wrap",
                "class Ops {",
                "    @Vop(partition = Partition.ELEMENTWISE)",
                "    static void copy(",
                "            @In float[] a, //!",
                "            @Out FloatArray b) {}",
                "}");
    }

    @Test
    void parameterTypeTheModelCannotPartition() {
        assertError("[ShmtVopParamType] parameter a has type dev.shmt.api.FloatMatrix, which ELEMENTWISE cannot"
                        + " partition; ELEMENTWISE splits FloatArray views into chunks",
                "class Ops {",
                "    @Vop(partition = Partition.ELEMENTWISE)",
                "    static void copy(",
                "            @In FloatMatrix a, //!",
                "            @Out FloatArray b) {}",
                "}");
    }

    @Test
    void viewWithoutRole() {
        assertError("[ShmtVopParamRole] view parameter a needs @In (the VOP reads it) or @Out (the VOP writes it)",
                "class Ops {",
                "    @Vop(partition = Partition.ELEMENTWISE)",
                "    static void copy(",
                "            FloatArray a, //!",
                "            @Out FloatArray b) {}",
                "}");
    }

    @Test
    void inAndOut() {
        assertError("[ShmtVopParamInOut] parameter b is both @In and @Out",
                "class Ops {",
                "    @Vop(partition = Partition.ELEMENTWISE)",
                "    static void copy(@In FloatArray a,",
                "            @In @Out FloatArray b) {} //!",
                "}");
    }

    @Test
    void scalarOut() {
        assertError("[ShmtVopScalarOut] scalar parameter k cannot be @Out",
                "class Ops {",
                "    @Vop(partition = Partition.ELEMENTWISE)",
                "    static void copy(@In FloatArray a, @Out FloatArray b,",
                "            @Out float k) {} //!",
                "}");
    }

    @Test
    void haloOnAModelWithoutNeighbours() {
        assertError("[ShmtVopHaloModel] halo 2 needs neighbours, which only TILE_2D HLOPs have; ROWS HLOPs read no"
                        + " cells outside their own",
                "class Ops {",
                "    @Vop(partition = Partition.ROWS, halo = 2) //!",
                "    static void copy(@In FloatMatrix a, @Out FloatMatrix b) {}",
                "}");
    }

    @Test
    void negativeHalo() {
        assertError("[ShmtVopHaloNegative] halo must be >= 0 (cells each side a stencil reads), got -1",
                "class Ops {",
                "    @Vop(partition = Partition.TILE_2D,",
                "         halo = -1) //!",
                "    static void copy(@In FloatMatrix a, @Out FloatMatrix b) {}",
                "}");
    }

    @Test
    void negativeHint() {
        assertError("[ShmtVopHintNegative] tileRows must be >= 0 (0 lets the runtime decide), got -8",
                "class Ops {",
                "    @Vop(partition = Partition.TILE_2D, tileRows = -8) //!",
                "    static void copy(@In FloatMatrix a, @Out FloatMatrix b) {}",
                "}");
    }

    @Test
    void criticalFractionOutOfRange() {
        assertError("[ShmtVopCriticalFraction] criticalFraction must be in [0, 1], or negative for the runtime's"
                        + " setting; got 1.5",
                "class Ops {",
                "    @Vop(partition = Partition.TILE_2D, criticalFraction = 1.5) //!",
                "    static void copy(@In FloatMatrix a, @Out FloatMatrix b) {}",
                "}");
    }

    @Test
    void reduceWithoutCombiner() {
        assertError("[ShmtVopNoCombiner] REDUCE VOP sum needs a combiner: add a method static float name(float a,"
                        + " float b) and set @Vop(combiner = \"name\")",
                "class Ops {",
                "    @Vop(partition = Partition.REDUCE) //!",
                "    static float sum(@In FloatArray a) { return 0f; }",
                "}");
    }

    @Test
    void combinerWithTheWrongSignature() {
        assertError("[ShmtVopCombinerMissing] combiner 'add' must be a non-private static method float add(float a,"
                        + " float b) of Ops",
                "class Ops {",
                "    @Vop(partition = Partition.REDUCE,",
                "         combiner = \"add\") //!",
                "    static float sum(@In FloatArray a) { return 0f; }",
                "    static double add(double x, double y) { return x + y; }",
                "}");
    }

    @Test
    void checkWithTheWrongParameters() {
        assertError("[ShmtVopCheckMissing] check 'valid' must be a non-private static void method"
                        + " valid(FloatArray, FloatArray) of Ops, without @Vop and without checked exceptions",
                "class Ops {",
                "    @Vop(partition = Partition.ELEMENTWISE,",
                "         check = \"valid\") //!",
                "    static void copy(@In FloatArray a, @Out FloatArray b) {}",
                "    static void valid(FloatArray a) {}",
                "}");
    }

    @Test
    void criticalityWithOneArrayTooFew() {
        assertError("[ShmtVopCriticalityMissing] criticality 'spread' must be a non-private static double method"
                        + " spread(float[] a, float[] b) of Ops: one float[] per @In view (2), holding the values sampled"
                        + " at the same cells, without checked exceptions",
                "class Ops {",
                "    @Vop(partition = Partition.ELEMENTWISE,",
                "         criticality = \"spread\") //!",
                "    static void add(@In FloatArray a, @In FloatArray b, float k, @Out FloatArray c) {}",
                "    static double spread(float[] a) { return 0; }",
                "}");
    }

    @Test
    void criticalityWithoutAnApproximateDevice() {
        assertWarning("[ShmtVopCriticalityUnused] criticality has no effect without an approximate implementation",
                "class Ops {",
                "    @Vop(partition = Partition.ELEMENTWISE, criticality = \"spread\") //!",
                "    static void copy(@In FloatArray a, @Out FloatArray b) {}",
                "    static double spread(float[] a) { return 0; }",
                "}");
    }

    @Test
    void criticalityReturningFloat() {
        assertError("[ShmtVopCriticalityMissing] criticality 'spread' must be a non-private static double method"
                        + " spread(float[] a) of Ops",
                "class Ops {",
                "    @Vop(partition = Partition.ELEMENTWISE,",
                "         criticality = \"spread\") //!",
                "    static void copy(@In FloatArray a, @Out FloatArray b) {}",
                "    static float spread(float[] a) { return 0; }",
                "}");
    }

    @Test
    void checkNamingAVop() {
        // The VOP itself (or another one) would run on the whole data before the runtime does.
        assertError("[ShmtVopCheckMissing] check 'copy' must be a non-private static void method",
                "class Ops {",
                "    @Vop(partition = Partition.ELEMENTWISE, check = \"copy\") //!",
                "    static void copy(@In FloatArray a, @Out FloatArray b) {}",
                "}");
    }

    @Test
    void combinerOnAWriteModel() {
        assertError("[ShmtVopCombinerModel] combiner 'add' only applies to REDUCE",
                "class Ops {",
                "    @Vop(partition = Partition.ELEMENTWISE, combiner = \"add\") //!",
                "    static void copy(@In FloatArray a, @Out FloatArray b) {}",
                "}");
    }

    @Test
    void ptxResourceMissing() {
        assertError("[ShmtGpuPtxMissing] PTX resource fixtures/absent.ptx was not found",
                "class Ops {",
                "    @Vop(partition = Partition.TILE_2D)",
                "    @GpuKernel(ptx = \"/fixtures/absent.ptx\", function = \"scale\") //!",
                "    static void scale(@In FloatMatrix a, @Out FloatMatrix b, float k) {}",
                "}");
    }

    @Test
    void ptxResourceMissingRelativeToThePackage() {
        assertError("[ShmtGpuPtxMissing] PTX resource test/scale.ptx was not found",
                "class Ops {",
                "    @Vop(partition = Partition.TILE_2D)",
                "    @GpuKernel(ptx = \"scale.ptx\", function = \"scale\") //!",
                "    static void scale(@In FloatMatrix a, @Out FloatMatrix b, float k) {}",
                "}");
    }

    @Test
    void resourceThatIsNotPtx() {
        assertError("[ShmtGpuPtxType] resource fixtures/notes.ptx is not PTX text",
                "class Ops {",
                "    @Vop(partition = Partition.TILE_2D)",
                "    @GpuKernel(ptx = \"/fixtures/notes.ptx\", function = \"scale\") //!",
                "    static void scale(@In FloatMatrix a, @Out FloatMatrix b, float k) {}",
                "}");
    }

    @Test
    void kernelParametersThatDoNotMatchTheVop() {
        assertError("[ShmtGpuKernelParams] kernel 'scale' in fixtures/scale.ptx takes (.u64, .u32, .u64, .u32, .f32,"
                        + " .u32, .u32) but the VOP passes (float*, int, float*, int, int, int, int)",
                "class Ops {",
                "    @Vop(partition = Partition.TILE_2D)",
                "    @GpuKernel(ptx = \"/fixtures/scale.ptx\",",
                "               function = \"scale\") //!",
                "    static void scale(@In FloatMatrix a, @Out FloatMatrix b, int k) {}",
                "}");
    }

    @Test
    void kernelMissingAParameter() {
        assertError("[ShmtGpuKernelParams] kernel 'scale' in fixtures/scale.ptx takes (.u64, .u32, .u64, .u32, .f32,"
                        + " .u32, .u32) but the VOP passes (float*, int, float*, int, int, int)",
                "class Ops {",
                "    @Vop(partition = Partition.TILE_2D)",
                "    @GpuKernel(ptx = \"/fixtures/scale.ptx\",",
                "               function = \"scale\") //!",
                "    static void scale(@In FloatMatrix a, @Out FloatMatrix b) {}",
                "}");
    }

    @Test
    void kernelMissingFromThePtx() {
        assertError("[ShmtGpuFunctionMissing] PTX resource fixtures/scale.ptx has no kernel entry 'scale2';"
                        + " its entries: scale",
                "class Ops {",
                "    @Vop(partition = Partition.TILE_2D)",
                "    @GpuKernel(ptx = \"/fixtures/scale.ptx\",",
                "               function = \"scale2\") //!",
                "    static void scale(@In FloatMatrix a, @Out FloatMatrix b, float k) {}",
                "}");
    }

    @Test
    void npuModelMissing() {
        assertError("[ShmtNpuModelMissing] NPU model class NoSuchModel does not exist",
                "class Ops {",
                "    @Vop(partition = Partition.TILE_2D)",
                "    @NpuModel(NoSuchModel.class) //!",
                "    static void scale(@In FloatMatrix a, @Out FloatMatrix b) {}",
                "}");
    }

    @Test
    void npuModelOfTheWrongType() {
        assertError("[ShmtNpuModelType] NPU model class java.lang.StringBuilder must implement"
                        + " dev.shmt.api.npu.NpuKernel",
                "class Ops {",
                "    @Vop(partition = Partition.TILE_2D)",
                "    @NpuModel(StringBuilder.class) //!",
                "    static void scale(@In FloatMatrix a, @Out FloatMatrix b) {}",
                "}");
    }

    @Test
    void npuModelWithoutNoArgumentConstructor() {
        assertError("[ShmtNpuModelType] NPU model class test.Ops.Model must have a public no-argument constructor",
                "class Ops {",
                "    static final class Model implements dev.shmt.api.npu.NpuKernel {",
                "        Model(int size) {}",
                "        public Object run(dev.shmt.api.npu.NpuContext n, VopCall c, Region r) { return null; }",
                "    }",
                "    @Vop(partition = Partition.TILE_2D)",
                "    @NpuModel(Model.class) //!",
                "    static void scale(@In FloatMatrix a, @Out FloatMatrix b) {}",
                "}");
    }

    @Test
    void abstractNpuModel() {
        assertError("[ShmtNpuModelType] NPU model class test.Ops.Model must not be abstract",
                "class Ops {",
                "    abstract static class Model implements dev.shmt.api.npu.NpuKernel {}",
                "    @Vop(partition = Partition.TILE_2D)",
                "    @NpuModel(Model.class) //!",
                "    static void scale(@In FloatMatrix a, @Out FloatMatrix b) {}",
                "}");
    }

    @Test
    void everyErrorOfAMethodIsReportedInOneCompile() {
        String[] lines = {
            "class Ops {",
            "    @Vop(partition = Partition.ELEMENTWISE, halo = 1)",
            "    private float copy(@In FloatArray a) { return 0f; } //!",
            "}"};
        JavaFileObject src = source("Ops", lines);
        Compilation c = compile(src);
        assertThat(c).hadErrorContaining("[ShmtVopNotStatic]");
        assertThat(c).hadErrorContaining("[ShmtVopPrivate]");
        assertThat(c).hadErrorContaining("[ShmtVopHaloModel]");
        assertThat(c).hadErrorContaining("[ShmtVopReturn]");
        assertThat(c).hadErrorContaining("[ShmtVopNoOut]");
    }

    @Test
    void borderWithoutHaloWarns() {
        assertWarning("[ShmtVopBorderUnused] border REFLECT_101 has no effect: with halo 0 no HLOP reads outside",
                "class Ops {",
                "    @Vop(partition = Partition.TILE_2D, border = Border.REFLECT_101) //!",
                "    static void copy(@In FloatMatrix a, @Out FloatMatrix b) {}",
                "}");
    }

    @Test
    void hintTheModelIgnoresWarns() {
        assertWarning("[ShmtVopHintUnused] tileCols has no effect on ROWS VOPs",
                "class Ops {",
                "    @Vop(partition = Partition.ROWS, tileRows = 8, tileCols = 64) //!",
                "    static void copy(@In FloatMatrix a, @Out FloatMatrix b) {}",
                "}");
    }

    @Test
    void haloAsLargeAsTheTileWarns() {
        assertWarning("[ShmtVopHaloOverTile] halo 8 is at least the tile hint 8 x 64",
                "class Ops {",
                "    @Vop(partition = Partition.TILE_2D, halo = 8, tileRows = 8, tileCols = 64) //!",
                "    static void copy(@In FloatMatrix a, @Out FloatMatrix b) {}",
                "}");
    }

    @Test
    void inOnAScalarWarns() {
        assertWarning("[ShmtVopScalarIn] @In on scalar parameter k has no effect",
                "class Ops {",
                "    @Vop(partition = Partition.TILE_2D)",
                "    static void scale(@In FloatMatrix a, @Out FloatMatrix b,",
                "            @In float k) {} //!",
                "}");
    }

    @Test
    void criticalFractionWithoutAnApproximateDeviceWarns() {
        assertWarning("[ShmtVopCriticalUnused] criticalFraction has no effect without an approximate implementation",
                "class Ops {",
                "    @Vop(partition = Partition.TILE_2D, criticalFraction = 0.1) //!",
                "    static void copy(@In FloatMatrix a, @Out FloatMatrix b) {}",
                "}");
    }

    @Test
    void implementationWithoutVopWarns() {
        assertWarning("[ShmtImplWithoutVop] @GpuKernel on scale has no effect without @Vop",
                "class Ops {",
                "    @GpuKernel(ptx = \"/fixtures/scale.ptx\", function = \"scale\") //!",
                "    static void scale(FloatMatrix a, FloatMatrix b, float k) {}",
                "}");
    }
}
