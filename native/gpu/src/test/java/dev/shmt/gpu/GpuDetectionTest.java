package dev.shmt.gpu;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gpu device's detection through each real binding (JCuda, JNA), in forked JVMs whose library path
 * decides which libcuda.so.1 the binding finds: none, or a stand-in built here with gcc that answers like a
 * driver without a GPU, a driver older than CUDA 10.2, or a GPU older than the Nano's sm_53.
 */
class GpuDetectionTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"jcuda", "jna"})
    void noDriverSaysLibcudaIsMissing(String binding) throws Exception {
        assumeFalse(systemHasLibcuda(), "this machine has an NVIDIA driver, so 'no driver' cannot be shown here");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(statusIn(empty, binding)).isEqualTo(
                "gpu: unavailable: no NVIDIA driver: libcuda.so.1: cannot open shared object file: No such file or directory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jcuda", "jna"})
    void standInLibcudaWithoutAGpuSaysTheDriverListsNone(String binding) throws Exception {
        Path lib = buildStandIn("no-device", "-DINIT_RESULT=100", "-DDRIVER_VERSION=12080");
        assertThat(statusIn(lib, binding)).isEqualTo("gpu: unavailable: NVIDIA driver (CUDA 12.8) found, but it lists"
                + " no GPU (cuInit: CUDA_ERROR_NO_DEVICE: no CUDA-capable device is detected)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jcuda", "jna"})
    void standInLibcudaOlderThanCuda102NamesTheVersionNeeded(String binding) throws Exception {
        Path lib = buildStandIn("old-driver", "-DINIT_RESULT=0", "-DDRIVER_VERSION=10010");
        assertThat(statusIn(lib, binding)).isEqualTo("gpu: unavailable: NVIDIA driver (CUDA 10.1) is too old: the"
                + " oldest kernels the SDK ships (PTX ISA 6.5) need a CUDA 10.2 driver (JetPack 4.6) or newer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jcuda", "jna"})
    void standInLibcudaWithAMaxwellGpuNamesTheArchitectureNeeded(String binding) throws Exception {
        Path lib = buildStandIn("maxwell", "-DINIT_RESULT=0", "-DDRIVER_VERSION=12080", "-DCC_MAJOR=5", "-DCC_MINOR=2");
        assertThat(statusIn(lib, binding)).isEqualTo("gpu: unavailable: GPU 0 (Stand-in GPU) is sm_52; the shipped"
                + " kernels need sm_53 (Jetson Nano) or newer");
    }

    @Test
    void anUnknownBindingIsNamedWithTheValuesItTakes() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(statusIn(empty, "opencl")).isEqualTo(
                "gpu: unavailable: -Dshmt.cuda.binding=opencl: expected auto, jcuda or jna");
    }

    /**
     * What {@link GpuStatusMain} prints in a JVM whose dynamic loader searches {@code libraryDir} first, with
     * {@code binding} as -Dshmt.cuda.binding.
     */
    private String statusIn(Path libraryDir, String binding) throws Exception {
        assumeTrue(!binding.equals("jcuda") || JcudaBinding.platform(System.getProperty("os.name"),
                System.getProperty("os.arch")).equals("linux-x86_64"), "JCuda's binding is published for linux-x86_64 only");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Djava.io.tmpdir=" + dir, "-D" + CudaBinding.PROPERTY + "=" + binding, GpuStatusMain.class.getName())
                .redirectErrorStream(true);
        pb.environment().put("LD_LIBRARY_PATH", libraryDir.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertWithMessage("forked JVM did not finish").that(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertWithMessage("forked JVM failed: %s", out).that(p.exitValue()).isEqualTo(0);
        return out;
    }

    private Path buildStandIn(String name, String... defines) throws Exception {
        Path src = dir.resolve("cuda_standin.c");
        try (InputStream in = getClass().getResourceAsStream("/cuda-standin/cuda_standin.c")) {
            Files.copy(in, src, StandardCopyOption.REPLACE_EXISTING);
        }
        Path libDir = Files.createDirectories(dir.resolve(name));
        List<String> cmd = new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-O2", "-o",
                libDir.resolve("libcuda.so.1").toString(), src.toString()));
        cmd.addAll(List.of(defines));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "gcc is needed to build the stand-in libcuda.so.1: " + e.getMessage());
            throw e;
        }
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertWithMessage("gcc failed: %s", log).that(p.waitFor()).isEqualTo(0);
        return libDir;
    }

    /** True when the dynamic loader's cache or the usual folders hold a real libcuda.so.1. */
    private static boolean systemHasLibcuda() throws IOException {
        Path cache = Path.of("/etc/ld.so.cache");
        if (Files.isReadable(cache)
                && new String(Files.readAllBytes(cache), StandardCharsets.ISO_8859_1).contains("libcuda.so.1")) {
            return true;
        }
        for (String d : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/cuda/lib64")) {
            if (Files.exists(Path.of(d, "libcuda.so.1"))) {
                return true;
            }
        }
        return false;
    }
}
