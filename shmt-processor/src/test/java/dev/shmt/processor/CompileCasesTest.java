package dev.shmt.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import dev.shmt.api.FloatArray;
import dev.shmt.api.Shmt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/** Shapes of user code the generated class must cope with. */
class CompileCasesTest {
    @Test
    void parameterNamesThatCollideWithGeneratedLocals() throws Exception {
        Compilation c = Sources.compile(Sources.source("Ops",
                "public final class Ops {",
                "    @Vop(partition = Partition.ELEMENTWISE)",
                "    public static void add(@In FloatArray shmt, @In FloatArray call, @Out FloatArray region) {",
                "        for (int i = 0; i < region.length(); i++) {",
                "            region.set(i, shmt.get(i) + call.get(i));",
                "        }",
                "    }",
                "}"));
        assertThat(c).succeededWithoutWarnings();
        FloatArray a = FloatArray.wrap(new float[] {1, 2, 3});
        FloatArray b = FloatArray.wrap(new float[] {10, 20, 30});
        FloatArray out = FloatArray.create(3);
        try (Shmt rt = Shmt.builder().devices("cpu").build()) {
            Sources.load(c).loadClass("test.OpsVops")
                    .getMethod("add", Shmt.class, FloatArray.class, FloatArray.class, FloatArray.class)
                    .invoke(null, rt, a, b, out);
        }
        assertThat(out.toArray()).isEqualTo(new float[] {11, 22, 33});
    }

    @Test
    void nestedClassesAndOverloads() {
        Compilation c = Sources.compile(Sources.source("Outer",
                "public final class Outer {",
                "    public static final class Inner {",
                "        @Vop(partition = Partition.ELEMENTWISE)",
                "        public static void scale(@In FloatArray a, @Out FloatArray b) {}",
                "        @Vop(partition = Partition.ELEMENTWISE)",
                "        public static void scale(@In FloatArray a, @Out FloatArray b, float k) {}",
                "    }",
                "}"));
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("test.Outer_InnerVops").contentsAsUtf8String()
                .contains("public static Report scale(Shmt shmt, FloatArray a, FloatArray b, float k) {");
    }

    @Test
    void anNpuModelGeneratedByAnotherProcessorIsWaitedFor() {
        Compilation c = javac().withProcessors(new VopProcessor(), new ModelGenerator()).compile(Sources.source("Ops",
                "public final class Ops {",
                "    @Vop(partition = Partition.TILE_2D)",
                "    @NpuModel(GeneratedModel.class)",
                "    public static void copy(@In FloatMatrix a, @Out FloatMatrix b) {}",
                "}"));
        assertThat(c).succeeded();
        assertThat(c).generatedSourceFile("test.OpsVops").contentsAsUtf8String()
                .contains("private static final GeneratedModel COPY_NPU = new GeneratedModel();");
    }

    /** Writes {@code test.GeneratedModel} in its first round, as a code generator of the user's might. */
    static final class ModelGenerator extends AbstractProcessor {
        private boolean done;

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!done) {
                done = true;
                try (Writer w = processingEnv.getFiler().createSourceFile("test.GeneratedModel").openWriter()) {
                    w.write("package test;\n"
                            + "public final class GeneratedModel implements dev.shmt.api.npu.NpuKernel {\n"
                            + "    public Object run(dev.shmt.api.npu.NpuContext n, dev.shmt.api.VopCall c,"
                            + " dev.shmt.api.Region r) { return null; }\n"
                            + "}\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }
}
