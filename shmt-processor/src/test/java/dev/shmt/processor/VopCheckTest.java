package dev.shmt.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Shmt;
import dev.shmt.api.VopCall;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code @Vop(check = ...)}: the generated method runs the VOP's own check before it builds the call. */
class VopCheckTest {
    static final String[] OPS = {
        "public final class Ops {",
        "    private Ops() {}",
        "",
        "    @Vop(partition = Partition.ROWS, check = \"evenCols\")",
        "    public static void copy(@In FloatMatrix src, @Out FloatMatrix dst) {",
        "        dst.copyFrom(src);",
        "    }",
        "",
        "    static void evenCols(FloatMatrix src, FloatMatrix dst) {",
        "        if (src.cols() % 2 != 0) {",
        "            throw new IllegalArgumentException(\"Ops.copy: argument 'src' must have an even number of\"",
        "                    + \" columns, got \" + src.cols());",
        "        }",
        "    }",
        "}",
    };

    @Test
    void theCheckRunsAfterTheGeneratedOnesAndBeforeTheCall() throws Throwable {
        Compilation c = Sources.compile(Sources.source("Ops", OPS));
        assertThat(c).succeededWithoutWarnings();
        String text = c.generatedSourceFile("test.OpsVops").orElseThrow().getCharContent(true).toString();
        assertThat(text).contains("VopChecks.notAliased(COPY, \"dst\", dst, \"src\", src, 0);\n"
                + "        // The VOP's own conditions on its arguments, before anything runs.\n"
                + "        Ops.evenCols(src, dst);\n");
        Method copy = Sources.load(c).loadClass("test.OpsVops")
                .getMethod("copy", Shmt.class, FloatMatrix.class, FloatMatrix.class);
        List<VopCall> seen = new ArrayList<>();
        try (Shmt shmt = Shmt.builder().devices("cpu").cpuThreads(1).build()) {
            Shmt recording = new RecordingShmt(shmt, seen);
            FloatMatrix dst = FloatMatrix.create(4, 3);
            Arrays.fill(dst.array(), -7f);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> invoke(copy, recording, FloatMatrix.create(4, 3), dst));
            assertThat(e).hasMessageThat().isEqualTo("Ops.copy: argument 'src' must have an even number of columns, got 3");
            assertThat(seen).isEmpty();
            assertThat(dst.toArray()).isEqualTo(new float[] {-7, -7, -7, -7, -7, -7, -7, -7, -7, -7, -7, -7});

            // The generated checks come first: a null view is reported by them, not by the VOP's check.
            e = assertThrows(IllegalArgumentException.class, () -> invoke(copy, recording, null, dst));
            assertThat(e).hasMessageThat().isEqualTo("Ops.copy: argument 'src' must not be null");

            FloatMatrix src = FloatMatrix.wrap(new float[] {1, 2, 3, 4}, 2, 2);
            FloatMatrix out = FloatMatrix.create(2, 2);
            invoke(copy, recording, src, out);
            assertThat(seen).hasSize(1);
            assertThat(out.toArray()).isEqualTo(src.toArray());
        }
    }

    private static Object invoke(Method m, Object... args) throws Throwable {
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
