package dev.shmt.gpu;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A module's committed kernel files on the host CUDA driver stand-in playing each board (SHMT_CUDA_STANDIN_DRIVER,
 * SHMT_CUDA_STANDIN_CC): native/gpu/cuda/check-standin-gates.sh builds the stand-in with the module's kernels
 * (standin.sh, or finds it built) and a small C program that loads every kernel file into it under each
 * setting, in a process of its own, since the stand-in reads its settings once. A Nano (10.2 / 5.3) and a
 * JetPack 5 Xavier (11.4 / 7.2) load the ISA 6.5 PTX and refuse the ISA 8.0 PTX; an Orin (12.6 / 8.7) loads
 * both; CUDA 10.1 and compute capability 5.2 refuse the ISA 6.5 PTX; a malformed setting fails cuInit naming
 * the variable; every entry a loaded module declares resolves to a host build. Independent of the gpu
 * device's Java code. A module with kernels extends this with the script's arguments.
 */
public abstract class CudaStandInGatesChecks {
    /** check-standin-gates.sh's arguments: --out, --res folders and the kernel sources. */
    protected abstract List<String> gatesArgs();

    @Test
    public void eachBoardLoadsAndRefusesWhatItsDriverWould() throws Exception {
        String cc = System.getenv().getOrDefault("CC", "gcc");
        String cxx = System.getenv().getOrDefault("CXX", "g++");
        boolean compilers = CudaKernelFiles.onPath(cc).isPresent() && CudaKernelFiles.onPath(cxx).isPresent();
        if (!compilers) {
            System.out.println("SKIPPED: " + cc + " and " + cxx + " are needed to build the stand-in and its checker");
        }
        assumeTrue(compilers, cc + " and " + cxx + " are needed to build the stand-in and its checker");
        String script = CudaKernelFiles.toolsDir().resolve("check-standin-gates.sh").toString();
        List<String> command = new ArrayList<>(List.of("bash", script));
        command.addAll(gatesArgs());
        CudaKernelFiles.Result run = CudaKernelFiles.run(command);
        assertWithMessage("%s:\n%s", String.join(" ", command), run.output()).that(run.exitCode()).isEqualTo(0);
        assertWithMessage("%s's verdict", script).that(run.output())
                .contains("every board loads and refuses what a real driver would");
    }
}
