package dev.shmt.gpu;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A module's committed PTX and fatbin resources are what native/gpu/cuda/build.sh makes of its current CUDA
 * sources: the ISA 8.0 PTX loads on CUDA 12.0 drivers, the ISA 6.5 PTX ({@code <name>.sm53.ptx}) on CUDA 10.2
 * drivers. Without the compilers only the recorded hashes can be compared; with nvcc (ISA 8.0, fatbins) or
 * clang 14 (ISA 6.5) the kernels are rebuilt once into a temporary folder and compared byte for byte. A module
 * with kernels extends this with the kernel trees it owns.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CudaKernelsFreshChecks {
    /** The rebuilds' folder, shared by the tests of the class (a @TempDir field would be one per test). */
    private Path rebuildDir;
    private List<CudaKernelFiles.Result> rebuilds;

    /** The module's kernel trees (src/main/cuda, and src/test/cuda where it has test kernels). */
    protected abstract List<CudaKernelTree> trees();

    /** build.sh --force --out for each tree, run once for the tests that compare its outputs. */
    private synchronized List<CudaKernelFiles.Result> rebuild() throws IOException, InterruptedException {
        if (rebuilds == null) {
            rebuildDir = Files.createTempDirectory("cuda-rebuild");
            rebuilds = new ArrayList<>();
            for (int i = 0; i < trees().size(); i++) {
                CudaKernelTree tree = trees().get(i);
                rebuilds.add(CudaKernelFiles.run(List.of("bash", CudaKernelFiles.buildScript().toString(), "--src",
                        tree.src().toString(), "--res", tree.res().toString(), "--force", "--out", out(i).toString())));
            }
        }
        return rebuilds;
    }

    private Path out(int tree) {
        return rebuildDir.resolve("tree" + tree);
    }

    @AfterAll
    public void deleteRebuilds() throws IOException {
        if (rebuildDir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(rebuildDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }

    /** Skips the calling test, printing why: surefire's report keeps the reason, the build log shows it. */
    private static void skipUnless(boolean condition, String reason) {
        if (!condition) {
            System.out.println("SKIPPED: " + reason);
        }
        assumeTrue(condition, reason);
    }

    private static Map<String, String> manifestLine(CudaKernelTree tree, Path source) throws IOException {
        Path file = CudaKernelTree.manifest(source);
        String name = source.getFileName().toString();
        assertWithMessage("%s is missing: run %s", file, tree.rebuild("nvcc and clang-14")).that(Files.isRegularFile(file))
                .isTrue();
        Map<String, Map<String, String>> lines = CudaKernelFiles.manifest(file);
        assertWithMessage("%s has no line for %s: run %s", file, name, tree.rebuild("nvcc and clang-14"))
                .that(lines).containsKey(name);
        return lines.get(name);
    }

    @Test
    public void thereAreKernelSources() throws IOException {
        for (CudaKernelTree tree : trees()) {
            assertWithMessage("CUDA sources in %s", tree.src()).that(tree.sources()).isNotEmpty();
        }
    }

    @Test
    public void everySourceIsRecordedWithItsCurrentHash() throws IOException {
        for (CudaKernelTree tree : trees()) {
            for (Path source : tree.sources()) {
                Map<String, String> line = manifestLine(tree, source);
                assertWithMessage("%s (or build.sh, or include/) changed since its kernels were compiled: run %s",
                        source, tree.rebuild("nvcc")).that(line.get("key")).isEqualTo(CudaKernelFiles.key(source));
                assertWithMessage("%s (or build.sh, include/ or clang/cuda_compat.h) changed since its ISA 6.5 PTX was"
                        + " compiled: run %s", source, tree.rebuild("clang-14 and CUDA's libdevice"))
                        .that(line.get("key65")).isEqualTo(CudaKernelFiles.key65(source));
            }
        }
    }

    @Test
    public void everyRecordedSourceStillExists() throws IOException {
        for (CudaKernelTree tree : trees()) {
            for (Path manifest : tree.manifests()) {
                String name = manifest.getFileName().toString().replaceFirst("\\.sha256$", ".cu");
                assertWithMessage("%s records %s, which is gone: run %s", manifest, name, tree.rebuild("nvcc"))
                        .that(Files.isRegularFile(manifest.resolveSibling(name))).isTrue();
                assertWithMessage("the sources %s records", manifest)
                        .that(CudaKernelFiles.manifest(manifest).keySet()).containsExactly(name);
            }
        }
    }

    /** A source moved with its manifest leaves its old outputs behind, which build.sh cannot know of. */
    @Test
    public void everyKernelOutputHasItsSource() throws IOException {
        for (CudaKernelTree tree : trees()) {
            if (!Files.isDirectory(tree.res())) {
                continue;
            }
            List<Path> outputs;
            try (Stream<Path> files = Files.walk(tree.res())) {
                outputs = files.filter(p -> p.toString().endsWith(".ptx") || p.toString().endsWith(".fatbin")).sorted()
                        .collect(Collectors.toList());
            }
            for (Path output : outputs) {
                String name = tree.res().relativize(output).toString().replace('\\', '/')
                        .replaceFirst("(\\.sm53\\.ptx|\\.ptx|\\.fatbin)$", ".cu");
                assertWithMessage("%s is a kernel output without its source %s: delete it, or run %s", output,
                        tree.src().resolve(name), tree.rebuild("nvcc"))
                        .that(Files.isRegularFile(tree.src().resolve(name))).isTrue();
            }
        }
    }

    @Test
    public void committedOutputsAreTheRecordedOnes() throws IOException {
        for (CudaKernelTree tree : trees()) {
            for (Path source : tree.sources()) {
                Map<String, String> line = manifestLine(tree, source);
                // manifest field -> output suffix
                Map<String, String> outputs = Map.of("ptx", ".ptx", "fatbin", ".fatbin", "ptx65", CudaKernelFiles.PTX65);
                for (Map.Entry<String, String> kind : outputs.entrySet()) {
                    Path output = tree.output(source, kind.getValue());
                    String rebuild = tree.rebuild(kind.getKey().equals("ptx65") ? "clang-14 and CUDA's libdevice" : "nvcc");
                    assertWithMessage("%s is missing: run %s", output, rebuild).that(Files.isRegularFile(output)).isTrue();
                    assertWithMessage("%s is not the file build.sh recorded for %s: run %s", output, source, rebuild)
                            .that(CudaKernelFiles.sha256(output)).isEqualTo(line.get(kind.getKey()));
                }
            }
        }
    }

    @Test
    public void everyPtxLoadsOnCuda12Drivers() throws IOException {
        for (CudaKernelTree tree : trees()) {
            for (Path source : tree.sources()) {
                Path ptx = tree.output(source, ".ptx");
                String text = CudaKernelFiles.read(ptx);
                Optional<int[]> version = CudaKernelFiles.ptxVersion(text);
                assertWithMessage("%s has a .version line", ptx).that(version.isPresent()).isTrue();
                assertWithMessage("%s: PTX ISA %s is newer than 8.0, which CUDA 12.0 drivers read",
                        ptx, version.get()[0] + "." + version.get()[1])
                        .that(CudaKernelFiles.atMost(version.get(), CudaKernelFiles.MAX_PTX_ISA)).isTrue();
                assertWithMessage("%s's .target", ptx).that(CudaKernelFiles.ptxTarget(text)).hasValue("sm_75");
            }
        }
    }

    @Test
    public void everyIsa65PtxLoadsOnCuda10_2Drivers() throws IOException {
        for (CudaKernelTree tree : trees()) {
            for (Path source : tree.sources()) {
                Path ptx = tree.output(source, CudaKernelFiles.PTX65);
                String text = CudaKernelFiles.read(ptx);
                assertWithMessage("%s's PTX ISA (.version), which CUDA 10.2 drivers read up to 6.5", ptx)
                        .that(CudaKernelFiles.ptxVersion(text).map(v -> v[0] + "." + v[1])).hasValue("6.5");
                assertWithMessage("%s's .target: compute capability 5.3, the Jetson Nano's", ptx)
                        .that(CudaKernelFiles.ptxTarget(text)).hasValue("sm_53");
            }
        }
    }

    @Test
    public void rebuildingGivesTheCommittedBytes() throws Exception {
        skipUnless(CudaKernelFiles.onPath("nvcc").isPresent(),
                "nvcc is not on the PATH, so the ISA 8.0 PTX and the fatbins were not rebuilt and compared");
        List<CudaKernelFiles.Result> builds = rebuild();
        for (int i = 0; i < trees().size(); i++) {
            CudaKernelTree tree = trees().get(i);
            assertWithMessage("build.sh --src %s --force --out %s failed:\n%s", tree.src(), out(i), builds.get(i).output())
                    .that(builds.get(i).exitCode()).isEqualTo(0);
            for (Path source : tree.sources()) {
                for (String suffix : List.of(".ptx", ".fatbin")) {
                    Path committed = tree.output(source, suffix);
                    Path rebuilt = tree.output(source, suffix, out(i));
                    assertWithMessage("%s rebuilt from %s differs from the committed file: run %s", committed, source,
                            tree.rebuild("nvcc"))
                            .that(Arrays.equals(Files.readAllBytes(rebuilt), Files.readAllBytes(committed))).isTrue();
                }
            }
        }
    }

    @Test
    public void rebuildingGivesTheCommittedIsa65Ptx() throws Exception {
        List<CudaKernelFiles.Result> builds = rebuild();
        for (int i = 0; i < trees().size(); i++) {
            CudaKernelTree tree = trees().get(i);
            CudaKernelFiles.Result build = builds.get(i);
            assertWithMessage("build.sh --src %s --force --out %s failed:\n%s", tree.src(), out(i), build.output())
                    .that(build.exitCode()).isEqualTo(0);
            for (Path source : tree.sources()) {
                Path rebuilt = tree.output(source, CudaKernelFiles.PTX65, out(i));
                // build.sh builds the ISA 6.5 PTX when it finds clang-14, LLVM's tools and CUDA's libdevice, and
                // says which of them it lacks otherwise.
                skipUnless(Files.isRegularFile(rebuilt), "build.sh did not rebuild the ISA 6.5 PTX: "
                        + build.output().lines().filter(l -> l.contains("ISA 6.5") || l.contains("clang"))
                                .findFirst().orElse(build.output().strip()));
                Path committed = tree.output(source, CudaKernelFiles.PTX65);
                String name = CudaKernelTree.kernelName(source) + CudaKernelFiles.PTX65;
                String recordedClang = manifestLine(tree, source).get("clang");
                assertWithMessage("%s rebuilt from %s differs from the committed file (recorded: clang %s; build.sh: %s):"
                        + " run %s", committed, source, recordedClang,
                        build.output().lines().filter(l -> l.contains(name)).findFirst().orElse("?"),
                        tree.rebuild("clang-14 and CUDA's libdevice"))
                        .that(Arrays.equals(Files.readAllBytes(rebuilt), Files.readAllBytes(committed))).isTrue();
            }
        }
    }

    @Test
    public void ptxasAcceptsEveryIsa65PtxForItsOldestTarget() throws Exception {
        skipUnless(CudaKernelFiles.onPath("ptxas").isPresent(),
                "ptxas is not on the PATH, so native/gpu/cuda/check-ptx65.sh could not assemble the ISA 6.5 PTX");
        List<String> command = new ArrayList<>(List.of("bash", CudaKernelFiles.toolsDir().resolve("check-ptx65.sh").toString()));
        for (CudaKernelTree tree : trees()) {
            for (Path source : tree.sources()) {
                command.add(tree.output(source, CudaKernelFiles.PTX65).toString());
            }
        }
        CudaKernelFiles.Result check = CudaKernelFiles.run(command);
        System.out.print(check.output());
        assertWithMessage("native/gpu/cuda/check-ptx65.sh:\n%s", check.output()).that(check.exitCode()).isEqualTo(0);
        assertWithMessage("native/gpu/cuda/check-ptx65.sh's output").that(check.output()).contains("PTX ISA 6.5 files assemble");
    }

    @Test
    public void ptxasAcceptsEveryPtxForSm75(@TempDir Path out) throws Exception {
        Optional<Path> ptxas = CudaKernelFiles.onPath("ptxas");
        skipUnless(ptxas.isPresent(), "ptxas is not on the PATH, so the ISA 8.0 PTX was not assembled");
        for (CudaKernelTree tree : trees()) {
            for (Path source : tree.sources()) {
                Path ptx = tree.output(source, ".ptx");
                CudaKernelFiles.Result check = CudaKernelFiles.run(List.of(ptxas.get().toString(), "-arch=sm_75",
                        ptx.toString(), "-o", out.resolve("check.cubin").toString()));
                assertWithMessage("ptxas -arch=sm_75 %s:\n%s", ptx, check.output()).that(check.exitCode()).isEqualTo(0);
            }
        }
    }
}
