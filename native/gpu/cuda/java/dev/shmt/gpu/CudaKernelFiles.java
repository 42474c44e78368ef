package dev.shmt.gpu;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The CUDA tools (native/gpu/cuda), and what the tests of any module's kernels read of their sources, outputs
 * and manifests ({@link CudaKernelTree}). Shared through this module's test jar.
 */
public final class CudaKernelFiles {
    /** The newest PTX ISA a CUDA 12.0 driver reads. */
    static final int[] MAX_PTX_ISA = {8, 0};
    /** The PTX ISA of the {@code <name>.sm53.ptx} files: what CUDA 10.2 drivers (JetPack 4.6) read. */
    static final int[] PTX_ISA_65 = {6, 5};
    /** The file name ending of the ISA 6.5 PTX, after the kernel name. */
    public static final String PTX65 = ".sm53.ptx";

    private static final Pattern VERSION = Pattern.compile("(?m)^\\.version (\\d+)\\.(\\d+)\\s*$");
    private static final Pattern TARGET = Pattern.compile("(?m)^\\.target (\\S+)\\s*$");
    private static final long TOOL_TIMEOUT_MINUTES = 10;

    private CudaKernelFiles() {}

    /** The module folder (surefire's basedir, else the working directory, which surefire also sets). */
    public static Path module() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    }

    /** native/gpu/cuda of the repository the module lies in: the first folder above it that has one. */
    public static Path toolsDir() {
        for (Path dir = module(); dir != null; dir = dir.getParent()) {
            Path tools = dir.resolve("native/gpu/cuda");
            if (Files.isRegularFile(tools.resolve("build.sh"))) {
                return tools;
            }
        }
        throw new IllegalStateException("no native/gpu/cuda/build.sh in " + module() + " or a folder above it");
    }

    static Path buildScript() {
        return toolsDir().resolve("build.sh");
    }

    /** The headers every kernel source may include (native/gpu/cuda/include), in build.sh's order. */
    static List<Path> includeHeaders() throws IOException {
        try (Stream<Path> files = Files.list(toolsDir().resolve("include"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".cuh")).sorted().collect(Collectors.toList());
        }
    }

    /** What clang includes instead of CUDA's headers when it builds the ISA 6.5 PTX. */
    static Path compatHeader() {
        return toolsDir().resolve("clang/cuda_compat.h");
    }

    /** The manifest key of a source: SHA-256 of its bytes, build.sh's, then include/'s headers'. */
    static String key(Path source) throws IOException {
        MessageDigest digest = sha256();
        digest.update(Files.readAllBytes(source));
        digest.update(Files.readAllBytes(buildScript()));
        for (Path header : includeHeaders()) {
            digest.update(Files.readAllBytes(header));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The manifest key of a source's ISA 6.5 PTX: the bytes of {@link #key}, then the compat header's. */
    static String key65(Path source) throws IOException {
        MessageDigest digest = sha256();
        digest.update(Files.readAllBytes(source));
        digest.update(Files.readAllBytes(buildScript()));
        for (Path header : includeHeaders()) {
            digest.update(Files.readAllBytes(header));
        }
        digest.update(Files.readAllBytes(compatHeader()));
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(Path file) throws IOException {
        return HexFormat.of().formatHex(sha256().digest(Files.readAllBytes(file)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A manifest's lines: source file name -> its fields (key, ptx, fatbin, nvcc, key65, ptx65, clang, libdevice). */
    static Map<String, Map<String, String>> manifest(Path file) throws IOException {
        Map<String, Map<String, String>> lines = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] tokens = line.trim().split("\\s+");
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 1; i < tokens.length; i++) {
                int eq = tokens[i].indexOf('=');
                if (eq > 0) {
                    fields.put(tokens[i].substring(0, eq), tokens[i].substring(eq + 1));
                }
            }
            lines.put(tokens[0], fields);
        }
        return lines;
    }

    /** The PTX's {@code .version} as {major, minor}, or empty when it has none. */
    static Optional<int[]> ptxVersion(String ptx) {
        Matcher m = VERSION.matcher(ptx);
        return m.find() ? Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))})
                : Optional.empty();
    }

    static Optional<String> ptxTarget(String ptx) {
        Matcher m = TARGET.matcher(ptx);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static boolean atMost(int[] version, int[] max) {
        return version[0] < max[0] || (version[0] == max[0] && version[1] <= max[1]);
    }

    /** An executable of that name on the PATH, as a shell would find it. */
    public static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(Pattern.quote(File.pathSeparator))) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A finished tool: its exit code (-1 when it ran past the timeout) and its output, stderr included. */
    record Result(int exitCode, String output) {}

    /** Runs a tool with its output in a file, so one that hangs is stopped by the timeout rather than a pipe. */
    static Result run(List<String> command) throws IOException, InterruptedException {
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
