package dev.shmt.gpu;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gpu device's Java path and the host CUDA stand-in built with AddressSanitizer: the JVM runs with
 * gcc's libasan preloaded (the JVM allows it with its own SEGV handling left in place and leak checks off),
 * and the stand-in's device memory then comes from ASan's allocator, whose redzones stop a kernel or copy
 * that reads before or past an allocation, which the default build only catches past the end.
 */
class StandInUnderAsanTest {
    @TempDir
    Path dir;

    @Test
    void stencilsOnRaggedTilesReadOnlyTheirAllocations() throws Exception {
        assumeTrue(JcudaBinding.platform(System.getProperty("os.name"), System.getProperty("os.arch"))
                .equals("linux-x86_64"), "the ASan stand-in is built for linux-x86_64, where both bindings load");
        assumeTrue(CudaKernelFiles.onPath("g++").isPresent(), "g++ is not on the PATH");
        String asan = run(dir.resolve("asan.log"), 60, "g++", "-print-file-name=libasan.so").trim();
        assumeTrue(asan.startsWith("/") && Files.exists(Path.of(asan)), "gcc has no libasan.so: " + asan);
        Path lib = dir.resolve("standin-asan");
        run(dir.resolve("build.log"), 600, "bash", CudaKernelFiles.toolsDir().resolve("standin.sh").toString(), "--asan",
                "--out", lib.toString(), CudaKernelTree.of("test").src().toString());

        // The same stand-in through each binding: JNA passes the driver the same pointers JCuda does.
        for (String binding : new String[] {"jcuda", "jna"}) {
            runUnderAsan(lib, asan, binding);
        }
    }

    private void runUnderAsan(Path lib, String asan, String binding) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Djava.io.tmpdir=" + dir, "-D" + CudaBinding.PROPERTY + "=" + binding, GpuAsanMain.class.getName())
                .redirectErrorStream(true);
        pb.environment().put("LD_LIBRARY_PATH", lib.toString());
        pb.environment().put("LD_PRELOAD", asan);
        pb.environment().put("ASAN_OPTIONS", "detect_leaks=0:handle_segv=0:allow_user_segv_handler=1:abort_on_error=0");
        Path log = dir.resolve("jvm-" + binding + ".log");
        Process p = pb.redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertWithMessage("forked JVM (%s) did not finish:\n%s", binding, out).that(finished).isTrue();
        assertWithMessage("forked JVM (%s) under ASan:\n%s", binding, out).that(out).doesNotContain("AddressSanitizer");
        assertWithMessage("forked JVM (%s) under ASan:\n%s", binding, out).that(p.exitValue()).isEqualTo(0);
        assertWithMessage("forked JVM (%s) under ASan:\n%s", binding, out).that(out).contains("ok");
    }

    private static String run(Path log, int seconds, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(seconds, TimeUnit.SECONDS);
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertWithMessage("%s did not finish:\n%s", String.join(" ", cmd), out).that(finished).isTrue();
        assertWithMessage("%s:\n%s", String.join(" ", cmd), out).that(p.exitValue()).isEqualTo(0);
        return out;
    }
}
