package dev.shmt.cli;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's second command, at a size that keeps the suite quick. */
class StencilDemoTest {
    private static String run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = StencilDemo.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(0);
        return out;
    }

    @Test
    void demoIsBitwiseIdenticalAndPrintsTheReport() {
        String out = run("--size", "300", "--tile", "64", "--repeat", "1", "--policy", "even");
        assertThat(out).contains("cpu (CPU, FP32");
        assertThat(out).contains("Filters.blur5 (TILE_2D) policy even: 30 HLOPs");
        assertThat(out).contains("tiled result is bitwise identical to the untiled reference");
    }

    @Test
    void sharpen3RunsOnTheNpuTooAndReportsItsError() {
        String out = run("--vop", "sharpen3", "--size", "300", "--tile", "64", "--repeat", "1", "--policy", "even");
        assertThat(out).contains("npu (NPU, INT8");
        assertThat(out).contains("Filters.sharpen3 (TILE_2D) policy even: 30 HLOPs");
        // even deals HLOPs round robin, so the NPU really ran some, and the report says how it ran.
        assertThat(out).containsMatch("\\n  npu +1 +15 ");
        assertThat(out).contains("tflite-cpu");
        assertThat(out).containsMatch("error_rate 0\\.0[0-4]");
    }

    @Test
    void sobelRunsOnTheNpuTooAndReportsItsError() {
        String out = run("--vop", "sobel", "--size", "300", "--tile", "64", "--repeat", "1", "--policy", "even");
        assertThat(out).contains("Sobel.sobel (TILE_2D) policy even: 30 HLOPs");
        assertThat(out).containsMatch("\\n  npu +1 +15 ");
        assertThat(out).containsMatch("error_rate 0\\.0[0-4]");
    }

    @Test
    void badOptionsSayWhatWasExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StencilDemo.run(new String[] {"--size", "zero"}, System.out));
        assertThat(e).hasMessageThat().isEqualTo("--size needs a whole number >= 1, got 'zero'");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> StencilDemo.run(new String[] {"--vop", "canny"}, System.out)))
                .hasMessageThat().isEqualTo("--vop must be blur5, sharpen3 or sobel, got 'canny'");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> StencilDemo.run(new String[] {"--policy", "fastest"}, System.out)))
                .hasMessageThat().contains("policy 'fastest' is unknown");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> StencilDemo.run(new String[] {"--size", "100", "--tile", "128"}, System.out)))
                .hasMessageThat().isEqualTo("demo: --tile must be at most the image's 100 rows (--size 100 makes a"
                        + " 100 x 137 image), got 128");
    }

    @Test
    void theDefaultTileFitsASmallImage() {
        String out = run("--size", "40", "--repeat", "1", "--policy", "even");
        assertThat(out).contains("40 x 77, tile 40");
        assertThat(out).contains("tiled result is bitwise identical to the untiled reference");
    }
}
