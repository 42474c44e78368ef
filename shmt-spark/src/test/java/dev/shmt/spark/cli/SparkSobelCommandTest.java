package dev.shmt.spark.cli;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./shmt spark images} then {@code ./shmt spark sobel --verify}, in this JVM's local Spark. */
class SparkSobelCommandTest {
    @TempDir
    Path dir;

    @Test
    void sobelOverAFolderWritesEveryOutputEqualToOneRuntimeAndTheReport() throws Exception {
        dev.shmt.spark.SparkTestSession.start(); // the shared session: the command must leave it running
        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        assertThat(SparkCommand.commandLine().execute("images", "--output", in.toString(), "--count", "6", "--size", "96"))
                .isEqualTo(0);
        int code = SparkCommand.commandLine().execute("sobel", "--input", in.toString(), "--output", out.toString(),
                "--master", "local[2]", "--devices", "cpu", "--format", "f32", "--batch-cells", "30000", "--verify");

        assertThat(code).isEqualTo(0); // --verify exits 1 when an output differs
        try (var files = Files.list(out)) {
            assertThat(files.filter(p -> p.toString().endsWith(".f32")).count()).isEqualTo(6);
        }
        String json = Files.readString(out.resolve("shmt-report.json"));
        assertThat(json).contains("\"elements\": 6");
        assertThat(dev.shmt.spark.SparkTestSession.stillRunning()).isTrue();
    }

    @Test
    void aBadFormatIsOneLineAndExitCodeTwo() {
        assertThat(SparkCommand.commandLine().execute("sobel", "--input", dir.toString(), "--output",
                dir.resolve("o").toString(), "--format", "jpeg")).isEqualTo(2);
    }
}
