package dev.shmt.examples;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The README's examples are this module's files: each ```java block that declares
 * {@code package dev.shmt.examples;} is the file of its class, character for character, and the call
 * snippet is {@link SharpenImage}'s body. What the README shows is therefore compiled by the build,
 * with the processor, and run here.
 */
class ReadmeExamplesTest {
    private static final Path README = Path.of("..", "..", "README.md");
    private static final Path SOURCES = Path.of("src", "main", "java", "dev", "shmt", "examples");

    private static List<String> javaBlocks() throws IOException {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : Files.readAllLines(README)) {
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
    void everyExampleFileTheReadmeShowsIsThisModulesFile() throws IOException {
        int files = 0;
        for (String block : javaBlocks()) {
            if (!block.startsWith("package dev.shmt.examples;")) {
                continue;
            }
            String name = block.replaceAll("(?s).*?public (?:final )?(?:abstract )?class (\\w+).*", "$1");
            Path file = SOURCES.resolve(name + ".java");
            assertWithMessage("the README shows %s, which samples/examples lacks", file).that(Files.exists(file)).isTrue();
            assertWithMessage("README.md's %s", file).that(block).isEqualTo(Files.readString(file));
            files++;
        }
        assertWithMessage("README blocks of package dev.shmt.examples").that(files).isAtLeast(1);
    }

    @Test
    void theCallSnippetIsSharpenImagesBody() throws IOException {
        String snippet = javaBlocks().stream().filter(b -> b.startsWith("FloatMatrix src = ")).findFirst()
                .orElseThrow(() -> new AssertionError("the README has no call snippet starting 'FloatMatrix src = '"));
        StringBuilder indented = new StringBuilder();
        for (String line : snippet.split("\n", -1)) {
            indented.append(line.isEmpty() ? "" : "        " + line).append('\n');
        }
        String body = indented.substring(0, indented.length() - 1);
        assertThat(Files.readString(SOURCES.resolve("SharpenImage.java"))).contains(body);
    }

    @Test
    void theExampleRunsTiledLikeTheDirectCall() {
        int rows = 300;
        int cols = 280;
        float[] pixels = new float[rows * cols];
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i / cols) % 40 < 20 ? 10f : 200f + (float) rnd.nextDouble();
        }
        FloatMatrix tiled = SharpenImage.run(pixels, rows, cols);
        FloatMatrix direct = FloatMatrix.create(rows, cols);
        ImageOps.sharpen(FloatMatrix.wrap(pixels, rows, cols).withBorder(Border.REFLECT_101), direct, 0.5f);
        assertThat(tiled.toArray()).isEqualTo(direct.toArray());
    }
}
