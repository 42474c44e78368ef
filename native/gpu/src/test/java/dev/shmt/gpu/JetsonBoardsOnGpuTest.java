package dev.shmt.gpu;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gpu device on the host CUDA stand-in playing each Jetson generation (its driver version and
 * compute capability are settings of the stand-in), through the binding of the Maven execution running the
 * test: which kernel image loads, or why the device is unavailable. No Jetson ran this.
 */
class JetsonBoardsOnGpuTest {
    @TempDir
    Path dir;

    @Test
    void nanoOnJetPack46LoadsTheIsa65Ptx() throws Exception {
        String line = statusAs("10.2", "5.3");
        assertThat(line).startsWith("gpu (SHMT host CUDA stand-in, sm_53, ");
        assertThat(line).contains("; driver CUDA 10.2; binding ");
        assertThat(line).contains("; kernels: PTX ISA 6.5 JIT (fatbin: no SASS for sm_53 (it has [sm_75, sm_87, sm_90]);"
                + " PTX ISA 8.0: needs a CUDA 12.0 driver, this is CUDA 10.2)");
    }

    @Test
    void xavierOnJetPack5LoadsTheIsa65Ptx() throws Exception {
        String line = statusAs("11.4", "7.2");
        assertThat(line).contains("sm_72");
        assertThat(line).contains("; kernels: PTX ISA 6.5 JIT (fatbin: no SASS for sm_72");
    }

    @Test
    void orinOnJetPack6TriesItsSassThenLoadsTheIsa80Ptx() throws Exception {
        String line = statusAs("12.6", "8.7");
        // The fatbin holds sm_87 SASS; the stand-in, which runs no machine code, refuses it as a driver would
        // refuse SASS for another GPU, and the loader goes on to the PTX.
        assertThat(line).contains("; kernels: PTX ISA 8.0 JIT (fatbin: CUDA_ERROR_NO_BINARY_FOR_GPU");
    }

    @Test
    void aCuda101DriverIsRefusedNamingTheFloor() throws Exception {
        assertThat(statusAs("10.1", "5.3")).isEqualTo("gpu: unavailable: NVIDIA driver (CUDA 10.1) is too old: the"
                + " oldest kernels the SDK ships (PTX ISA 6.5) need a CUDA 10.2 driver (JetPack 4.6) or newer");
    }

    @Test
    void computeCapability52IsRefusedNamingTheFloor() throws Exception {
        assertThat(statusAs("12.0", "5.2")).isEqualTo("gpu: unavailable: GPU 0 (SHMT host CUDA stand-in) is sm_52;"
                + " the shipped kernels need sm_53 (Jetson Nano) or newer");
    }

    @Test
    void eachKernelImageCanBeForcedAndOneTheDriverRefusesSaysSo() throws Exception {
        assertThat(statusAs("12.0", "7.5", "-Dshmt.gpu.kernels=ptx65"))
                .contains("; kernels: PTX ISA 6.5 JIT (forced by shmt.gpu.kernels)");
        assertThat(statusAs("12.0", "7.5", "-Dshmt.gpu.kernels=ptx80"))
                .contains("; kernels: PTX ISA 8.0 JIT (forced by shmt.gpu.kernels)");
        // The stand-in runs no machine code, as a driver for another GPU would refuse it.
        assertThat(statusAs("12.0", "7.5", "-Dshmt.gpu.kernels=fatbin")).contains(": could not load"
                + " dev/shmt/gpu/probe.ptx on sm_75 with a CUDA 12.0 driver: fatbin: CUDA_ERROR_NO_BINARY_FOR_GPU");
        assertThat(statusAs("10.2", "5.3", "-Dshmt.gpu.kernels=ptx80")).contains(": could not load"
                + " dev/shmt/gpu/probe.ptx on sm_53 with a CUDA 10.2 driver: PTX ISA 8.0: needs a CUDA 12.0"
                + " driver, this is CUDA 10.2");
        assertThat(statusAs("12.0", "7.5", "-Dshmt.gpu.kernels=sass"))
                .endsWith("-Dshmt.gpu.kernels=sass: expected auto, fatbin, ptx80 or ptx65");
    }

    /**
     * The status line of a JVM whose libcuda.so.1 is the stand-in answering as {@code driver} / {@code cc},
     * with {@code options} for the JVM.
     */
    private String statusAs(String driver, String cc, String... options) throws Exception {
        GpuDevice here = GpuUnderTest.open(1);
        boolean standIn = GpuUnderTest.isStandIn(here);
        here.close();
        assumeTrue(standIn, "plays boards on the stand-in only");
        String libdir = System.getenv("LD_LIBRARY_PATH");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Djava.io.tmpdir=" + dir, "-D" + CudaBinding.PROPERTY + "=" + System.getProperty(CudaBinding.PROPERTY,
                "auto")));
        cmd.addAll(List.of(options));
        cmd.add(GpuStatusMain.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LD_LIBRARY_PATH", libdir);
        pb.environment().put("SHMT_CUDA_STANDIN_DRIVER", driver);
        pb.environment().put("SHMT_CUDA_STANDIN_CC", cc);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertWithMessage("forked JVM did not finish").that(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertWithMessage("forked JVM failed: %s", out).that(p.exitValue()).isEqualTo(0);
        Files.writeString(dir.resolve("status.txt"), out);
        return out.lines().filter(l -> l.startsWith("gpu")).findFirst().orElse(out);
    }
}
