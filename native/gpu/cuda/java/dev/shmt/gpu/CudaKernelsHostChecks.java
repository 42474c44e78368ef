package dev.shmt.gpu;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a GPU, a module's kernels' indexing, tiling, barriers and operation order are checked on the host:
 * native/gpu/cuda/emulate/run.sh compiles the module's host checks (src/test/cuda, each including its kernel
 * source) with g++ against a small CUDA stand-in under AddressSanitizer, and fails a kernel no check covers.
 * Device arithmetic itself (-fmad=false, accurate math) is IEEE fp32 as on the host; only a GPU run can confirm
 * the rest. A module with kernels extends this with its run.sh arguments.
 */
public abstract class CudaKernelsHostChecks {
    /** run.sh's --src and --checks arguments. */
    protected abstract List<String> runArgs();

    @Test
    public void kernelsPassTheHostChecks(@TempDir Path out) throws Exception {
        assumeTrue(CudaKernelFiles.onPath("g++").isPresent(), "g++ is not on the PATH");
        Path script = CudaKernelFiles.toolsDir().resolve("emulate/run.sh");
        List<String> command = new ArrayList<>(List.of("bash", script.toString(), "--out", out.toString()));
        command.addAll(runArgs());
        CudaKernelFiles.Result run = CudaKernelFiles.run(command);
        assertWithMessage("%s:\n%s", String.join(" ", command), run.output()).that(run.exitCode()).isEqualTo(0);
        assertWithMessage("%s:\n%s", String.join(" ", command), run.output()).that(run.output())
                .contains("all host checks passed");
    }
}
