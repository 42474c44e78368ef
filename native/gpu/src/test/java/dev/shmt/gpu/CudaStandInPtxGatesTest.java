package dev.shmt.gpu;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The committed kernel files on the host CUDA driver stand-in playing each board (SHMT_CUDA_STANDIN_DRIVER,
 * SHMT_CUDA_STANDIN_CC): native/gpu/cuda/check-standin-gates.sh builds the stand-in (standin.sh) and a small C
 * program that loads every PTX file into it under each setting, in a process of its own, since the stand-in
 * reads its settings once. A Nano (10.2 / 5.3) and a JetPack 5 Xavier (11.4 / 7.2) load the ISA 6.5 PTX and
 * refuse the ISA 8.0 PTX; an Orin (12.6 / 8.7) loads both; CUDA 10.1 and compute capability 5.2 refuse the ISA
 * 6.5 PTX; a malformed setting fails cuInit naming the variable. Independent of the gpu device's Java code.
 */
class CudaStandInPtxGatesTest {
    private static final long TIMEOUT_MINUTES = 10;

    @Test
    void eachBoardLoadsAndRefusesWhatItsDriverWould() throws IOException, InterruptedException {
        String cc = System.getenv().getOrDefault("CC", "gcc");
        String cxx = System.getenv().getOrDefault("CXX", "g++");
        boolean compilers = CudaKernelFiles.onPath(cc).isPresent() && CudaKernelFiles.onPath(cxx).isPresent();
        if (!compilers) {
            System.out.println("SKIPPED: " + cc + " and " + cxx + " are needed to build the stand-in and its checker");
        }
        assumeTrue(compilers, cc + " and " + cxx + " are needed to build the stand-in and its checker");

        Path script = CudaKernelFiles.cudaDir().resolve("check-standin-gates.sh");
        Path log = Files.createTempFile("standin-gates", ".log");
        try {
            // Output to a file, so a hang is stopped by the timeout rather than blocking a pipe read.
            Process process = new ProcessBuilder(List.of("bash", script.toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean finished = process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertWithMessage("%s finished within %s min:\n%s", script, TIMEOUT_MINUTES, output).that(finished).isTrue();
            assertWithMessage("%s:\n%s", script, output).that(process.exitValue()).isEqualTo(0);
            assertWithMessage("%s's verdict", script).that(output)
                    .contains("every board loads and refuses what a real driver would");
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
