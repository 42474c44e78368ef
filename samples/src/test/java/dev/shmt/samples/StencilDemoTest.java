package dev.shmt.samples;

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
    void badOptionsSayWhatWasExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StencilDemo.run(new String[] {"--size", "zero"}, System.out));
        assertThat(e).hasMessageThat().isEqualTo("--size needs a whole number >= 1, got 'zero'");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> StencilDemo.run(new String[] {"--policy", "fastest"}, System.out)))
                .hasMessageThat().contains("policy 'fastest' is unknown");
    }
}
