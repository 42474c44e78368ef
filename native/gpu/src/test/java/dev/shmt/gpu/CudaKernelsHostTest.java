package dev.shmt.gpu;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a GPU, the kernels' indexing, tiling, barriers and operation order are checked on the host:
 * native/gpu/cuda/emulate/run.sh compiles the CUDA sources with g++ against a small CUDA stand-in under
 * AddressSanitizer and compares the stencils bit for bit with the Java bodies, Black-Scholes and the row FFT
 * with double-precision references. Device arithmetic itself (-fmad=false, accurate math) is IEEE fp32 as on
 * the host; only a GPU run can confirm the rest.
 */
class CudaKernelsHostTest {
    @Test
    void kernelsPassTheHostChecks(@TempDir Path out) throws Exception {
        assumeTrue(CudaKernelFiles.onPath("g++").isPresent(), "g++ is not on the PATH");
        Path script = CudaKernelFiles.cudaDir().resolve("emulate/run.sh");
        Path log = out.resolve("run.log");
        Process process = new ProcessBuilder("bash", script.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertWithMessage("%s did not finish in 10 min:\n%s", script, output).that(finished).isTrue();
        assertWithMessage("bash %s:\n%s", script, output).that(process.exitValue()).isEqualTo(0);
        assertWithMessage("bash %s:\n%s", script, output).that(output).contains("all host checks passed");
    }
}
