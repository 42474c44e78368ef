package dev.shmt.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Shmt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The README's VOP example, compiled with the processor and run as written, so the README stays true. */
class ReadmeExampleTest {
    private static List<String> javaBlocks() throws IOException {
        Path readme = Path.of("..", "README.md");
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : Files.readAllLines(readme)) {
            if (block == null && line.equals("```java")) {
                block = new StringBuilder();
            } else if (block != null && line.equals("```")) {
                blocks.add(block.toString());
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }

    @Test
    void theExampleCompilesAndRunsTiledLikeTheDirectCall() throws Exception {
        List<String> blocks = javaBlocks();
        String vopClass = blocks.stream().filter(b -> b.contains("@Vop(")).findFirst().orElseThrow();
        String callSnippet = blocks.stream().filter(b -> b.contains("ImageOpsVops.")).findFirst().orElseThrow();
        String example = "package com.example;\n\nimport dev.shmt.api.*;\n\n"
                + "public final class Example {\n"
                + "    public static void run(float[] pixels, int rows, int cols) {\n"
                + callSnippet
                + "    }\n"
                + "}\n";
        Compilation c = Sources.compile(JavaFileObjects.forSourceString("com.example.ImageOps", vopClass),
                JavaFileObjects.forSourceString("com.example.Example", example));
        assertThat(c).succeededWithoutWarnings();
        ClassLoader loader = Sources.load(c);

        int rows = 300;
        int cols = 280;
        float[] pixels = new float[rows * cols];
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i / cols) % 40 < 20 ? 10f : 200f + (float) rnd.nextDouble();
        }
        loader.loadClass("com.example.Example").getMethod("run", float[].class, int.class, int.class)
                .invoke(null, pixels, rows, cols);

        FloatMatrix src = FloatMatrix.wrap(pixels, rows, cols);
        FloatMatrix ref = FloatMatrix.create(rows, cols);
        loader.loadClass("com.example.ImageOps").getMethod("sharpen", FloatMatrix.class, FloatMatrix.class, float.class)
                .invoke(null, src.withBorder(Border.REFLECT_101), ref, 0.5f);
        FloatMatrix dst = FloatMatrix.create(rows, cols);
        try (Shmt shmt = Shmt.builder().tileHint(64, 64).build()) {
            loader.loadClass("com.example.ImageOpsVops")
                    .getMethod("sharpen", Shmt.class, FloatMatrix.class, FloatMatrix.class, float.class)
                    .invoke(null, shmt, src, dst, 0.5f);
        }
        assertThat(dst.toArray()).isEqualTo(ref.toArray());
    }
}
