package dev.shmt.gpu;

import static com.google.common.truth.Truth.assertWithMessage;
import static dev.shmt.gpu.CudaKernelFiles.REBUILD;
import static dev.shmt.gpu.CudaKernelFiles.REBUILD65;
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
 * The committed PTX and fatbin resources are what native/gpu/cuda/build.sh makes of the current CUDA sources: the
 * ISA 8.0 PTX loads on CUDA 12.0 drivers, the ISA 6.5 PTX ({@code <name>.sm53.ptx}) on CUDA 10.2 drivers.
 * Without the compilers only the recorded hashes can be compared; with nvcc (ISA 8.0, fatbins) or clang 14
 * (ISA 6.5) the kernels are rebuilt once into a temporary folder and compared byte for byte.
 */
class CudaKernelsFreshTest {
    private static final long TOOL_TIMEOUT_MINUTES = 5;

    @TempDir
    static Path rebuildDir;
    private static Result rebuild;

    /** build.sh --force --out rebuildDir, run once for the tests that compare its outputs. */
    private static synchronized Result rebuild() throws IOException, InterruptedException {
        if (rebuild == null) {
            rebuild = run(List.of("bash", CudaKernelFiles.buildScript().toString(), "--force", "--out",
                    rebuildDir.toString()));
        }
        return rebuild;
    }

    /** Skips the calling test, printing why: surefire's report keeps the reason, the build log shows it. */
    private static void skipUnless(boolean condition, String reason) {
        if (!condition) {
            System.out.println("SKIPPED: " + reason);
        }
        assumeTrue(condition, reason);
    }

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
            assertWithMessage("native/gpu/cuda/compiled.sha256 has no line for %s: run %s", file, REBUILD)
                    .that(manifest).containsKey(file);
            assertWithMessage("%s (or build.sh) changed since its kernels were compiled: run %s", file, REBUILD)
                    .that(manifest.get(file).get("key")).isEqualTo(CudaKernelFiles.key(source));
            assertWithMessage("%s (or build.sh, or clang/cuda_compat.h) changed since its ISA 6.5 PTX was compiled: run %s",
                    file, REBUILD65).that(manifest.get(file).get("key65")).isEqualTo(CudaKernelFiles.key65(source));
        }
    }

    @Test
    void everyRecordedSourceStillExists() throws IOException {
        for (String file : manifest().keySet()) {
            assertWithMessage("native/gpu/cuda/compiled.sha256 records %s, which is gone: run %s", file, REBUILD)
                    .that(Files.isRegularFile(CudaKernelFiles.cudaDir().resolve(file))).isTrue();
        }
    }

    @Test
    void committedOutputsAreTheRecordedOnes() throws IOException {
        for (Map.Entry<String, Map<String, String>> line : manifest().entrySet()) {
            String name = line.getKey().substring(0, line.getKey().length() - ".cu".length());
            // manifest field -> output file name
            Map<String, String> outputs = Map.of("ptx", name + ".ptx", "fatbin", name + ".fatbin",
                    "ptx65", name + CudaKernelFiles.PTX65);
            for (Map.Entry<String, String> kind : outputs.entrySet()) {
                Path output = CudaKernelFiles.resourceDir().resolve(kind.getValue());
                String rebuild = kind.getKey().equals("ptx65") ? REBUILD65 : REBUILD;
                assertWithMessage("%s is missing: run %s", output, rebuild).that(Files.isRegularFile(output)).isTrue();
                assertWithMessage("%s is not the file build.sh recorded for %s: run %s",
                        output.getFileName(), line.getKey(), rebuild)
                        .that(CudaKernelFiles.sha256(output)).isEqualTo(line.getValue().get(kind.getKey()));
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
    void everyIsa65PtxLoadsOnCuda10_2Drivers() throws IOException {
        for (Path source : CudaKernelFiles.sources()) {
            Path ptx = CudaKernelFiles.resourceDir().resolve(CudaKernelFiles.kernelName(source) + CudaKernelFiles.PTX65);
            String text = CudaKernelFiles.read(ptx);
            assertWithMessage("%s's PTX ISA (.version), which CUDA 10.2 drivers read up to 6.5", ptx.getFileName())
                    .that(CudaKernelFiles.ptxVersion(text).map(v -> v[0] + "." + v[1])).hasValue("6.5");
            assertWithMessage("%s's .target: compute capability 5.3, the Jetson Nano's", ptx.getFileName())
                    .that(CudaKernelFiles.ptxTarget(text)).hasValue("sm_53");
        }
    }

    @Test
    void rebuildingGivesTheCommittedBytes() throws Exception {
        skipUnless(CudaKernelFiles.onPath("nvcc").isPresent(),
                "nvcc is not on the PATH, so the ISA 8.0 PTX and the fatbins were not rebuilt and compared");
        Result build = rebuild();
        assertWithMessage("build.sh --force --out %s failed:\n%s", rebuildDir, build.output)
                .that(build.exitCode).isEqualTo(0);
        for (Path source : CudaKernelFiles.sources()) {
            String name = CudaKernelFiles.kernelName(source);
            for (String kind : List.of("ptx", "fatbin")) {
                Path committed = CudaKernelFiles.resourceDir().resolve(name + "." + kind);
                Path rebuilt = rebuildDir.resolve(name + "." + kind);
                assertWithMessage("%s rebuilt from %s differs from the committed file: run %s",
                        committed.getFileName(), source.getFileName(), REBUILD)
                        .that(Arrays.equals(Files.readAllBytes(rebuilt), Files.readAllBytes(committed))).isTrue();
            }
        }
    }

    @Test
    void rebuildingGivesTheCommittedIsa65Ptx() throws Exception {
        Result build = rebuild();
        assertWithMessage("build.sh --force --out %s failed:\n%s", rebuildDir, build.output)
                .that(build.exitCode).isEqualTo(0);
        Map<String, Map<String, String>> manifest = manifest();
        for (Path source : CudaKernelFiles.sources()) {
            String name = CudaKernelFiles.kernelName(source);
            Path rebuilt = rebuildDir.resolve(name + CudaKernelFiles.PTX65);
            // build.sh builds the ISA 6.5 PTX when it finds clang-14, LLVM's tools and CUDA's libdevice, and says
            // which of them it lacks otherwise.
            skipUnless(Files.isRegularFile(rebuilt), "build.sh did not rebuild the ISA 6.5 PTX: "
                    + build.output.lines().filter(l -> l.contains("ISA 6.5") || l.contains("clang"))
                            .findFirst().orElse(build.output.strip()));
            Path committed = CudaKernelFiles.resourceDir().resolve(name + CudaKernelFiles.PTX65);
            String recordedClang = manifest.getOrDefault(source.getFileName().toString(), Map.of()).get("clang");
            assertWithMessage("%s rebuilt from %s differs from the committed file (recorded: clang %s; build.sh: %s):"
                    + " run %s", committed.getFileName(), source.getFileName(), recordedClang,
                    build.output.lines().filter(l -> l.contains(name + CudaKernelFiles.PTX65)).findFirst().orElse("?"),
                    REBUILD65)
                    .that(Arrays.equals(Files.readAllBytes(rebuilt), Files.readAllBytes(committed))).isTrue();
        }
    }

    @Test
    void ptxasAcceptsEveryIsa65PtxForItsOldestTarget() throws Exception {
        skipUnless(CudaKernelFiles.onPath("ptxas").isPresent(),
                "ptxas is not on the PATH, so native/gpu/cuda/check-ptx65.sh could not assemble the ISA 6.5 PTX");
        Result check = run(List.of("bash", CudaKernelFiles.cudaDir().resolve("check-ptx65.sh").toString()));
        System.out.print(check.output);
        assertWithMessage("native/gpu/cuda/check-ptx65.sh:\n%s", check.output).that(check.exitCode).isEqualTo(0);
        assertWithMessage("native/gpu/cuda/check-ptx65.sh's output").that(check.output).contains("PTX ISA 6.5 files assemble");
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
