package dev.shmt.gpu;

import static com.google.common.truth.Truth.assertWithMessage;
import static dev.shmt.gpu.CudaKernelFiles.REBUILD;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed PTX and fatbin resources are what native/cuda/build.sh makes of the current CUDA sources, and
 * their PTX loads on CUDA 12.0 drivers. Without nvcc only the recorded hashes can be compared; with nvcc the
 * kernels are rebuilt and compared byte for byte.
 */
class CudaKernelsFreshTest {
    private static final long TOOL_TIMEOUT_MINUTES = 5;

    private static Map<String, Map<String, String>> manifest() throws IOException {
        Path file = CudaKernelFiles.cudaDir().resolve("compiled.sha256");
        assertWithMessage("%s is missing: run %s", file, REBUILD).that(Files.isRegularFile(file)).isTrue();
        return CudaKernelFiles.manifest(file);
    }

    @Test
    void thereAreKernelSources() throws IOException {
        assertWithMessage("CUDA sources in %s", CudaKernelFiles.cudaDir()).that(CudaKernelFiles.sources()).isNotEmpty();
    }

    @Test
    void everySourceIsRecordedWithItsCurrentHash() throws IOException {
        Map<String, Map<String, String>> manifest = manifest();
        for (Path source : CudaKernelFiles.sources()) {
            String file = source.getFileName().toString();
            assertWithMessage("native/cuda/compiled.sha256 has no line for %s: run %s", file, REBUILD)
                    .that(manifest).containsKey(file);
            assertWithMessage("%s (or build.sh) changed since its kernels were compiled: run %s", file, REBUILD)
                    .that(manifest.get(file).get("key")).isEqualTo(CudaKernelFiles.key(source));
        }
    }

    @Test
    void everyRecordedSourceStillExists() throws IOException {
        for (String file : manifest().keySet()) {
            assertWithMessage("native/cuda/compiled.sha256 records %s, which is gone: run %s", file, REBUILD)
                    .that(Files.isRegularFile(CudaKernelFiles.cudaDir().resolve(file))).isTrue();
        }
    }

    @Test
    void committedOutputsAreTheRecordedOnes() throws IOException {
        for (Map.Entry<String, Map<String, String>> line : manifest().entrySet()) {
            String name = line.getKey().substring(0, line.getKey().length() - ".cu".length());
            for (String kind : List.of("ptx", "fatbin")) {
                Path output = CudaKernelFiles.resourceDir().resolve(name + "." + kind);
                assertWithMessage("%s is missing: run %s", output, REBUILD).that(Files.isRegularFile(output)).isTrue();
                assertWithMessage("%s is not the file build.sh recorded for %s: run %s",
                        output.getFileName(), line.getKey(), REBUILD)
                        .that(CudaKernelFiles.sha256(output)).isEqualTo(line.getValue().get(kind));
            }
        }
    }

    @Test
    void everyPtxLoadsOnCuda12Drivers() throws IOException {
        for (Path source : CudaKernelFiles.sources()) {
            Path ptx = CudaKernelFiles.resourceDir().resolve(CudaKernelFiles.kernelName(source) + ".ptx");
            String text = CudaKernelFiles.read(ptx);
            Optional<int[]> version = CudaKernelFiles.ptxVersion(text);
            assertWithMessage("%s has a .version line", ptx.getFileName()).that(version.isPresent()).isTrue();
            assertWithMessage("%s: PTX ISA %s is newer than 8.0, which CUDA 12.0 drivers read",
                    ptx.getFileName(), version.get()[0] + "." + version.get()[1])
                    .that(CudaKernelFiles.atMost(version.get(), CudaKernelFiles.MAX_PTX_ISA)).isTrue();
            assertWithMessage("%s's .target", ptx.getFileName())
                    .that(CudaKernelFiles.ptxTarget(text)).hasValue("sm_75");
        }
    }

    @Test
    void rebuildingGivesTheCommittedBytes(@TempDir Path out) throws Exception {
        assumeTrue(CudaKernelFiles.onPath("nvcc").isPresent(), "nvcc is not on the PATH");
        Result build = run(List.of("bash", CudaKernelFiles.buildScript().toString(), "--force", "--out", out.toString()));
        assertWithMessage("build.sh --force --out %s failed:\n%s", out, build.output).that(build.exitCode).isEqualTo(0);
        for (Path source : CudaKernelFiles.sources()) {
            String name = CudaKernelFiles.kernelName(source);
            for (String kind : List.of("ptx", "fatbin")) {
                Path committed = CudaKernelFiles.resourceDir().resolve(name + "." + kind);
                Path rebuilt = out.resolve(name + "." + kind);
                assertWithMessage("%s rebuilt from %s differs from the committed file: run %s",
                        committed.getFileName(), source.getFileName(), REBUILD)
                        .that(Arrays.equals(Files.readAllBytes(rebuilt), Files.readAllBytes(committed))).isTrue();
            }
        }
    }

    @Test
    void ptxasAcceptsEveryPtxForSm75(@TempDir Path out) throws Exception {
        Optional<Path> ptxas = CudaKernelFiles.onPath("ptxas");
        assumeTrue(ptxas.isPresent(), "ptxas is not on the PATH");
        for (Path source : CudaKernelFiles.sources()) {
            Path ptx = CudaKernelFiles.resourceDir().resolve(CudaKernelFiles.kernelName(source) + ".ptx");
            Result check = run(List.of(ptxas.get().toString(), "-arch=sm_75", ptx.toString(),
                    "-o", out.resolve("check.cubin").toString()));
            assertWithMessage("ptxas -arch=sm_75 %s:\n%s", ptx.getFileName(), check.output)
                    .that(check.exitCode).isEqualTo(0);
        }
    }

    private record Result(int exitCode, String output) {}

    private static Result run(List<String> command) throws IOException, InterruptedException {
        // Output to a file, so a tool that hangs is stopped by the timeout rather than blocking a pipe read.
        Path log = Files.createTempFile("cuda-tool", ".log");
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(TOOL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Result(-1, String.join(" ", command) + " did not finish in " + TOOL_TIMEOUT_MINUTES
                        + " min:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
