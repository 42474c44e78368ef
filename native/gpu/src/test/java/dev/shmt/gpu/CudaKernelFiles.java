package dev.shmt.gpu;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The CUDA sources, their committed outputs and native/gpu/cuda/compiled.sha256, as the tests see them. */
final class CudaKernelFiles {
    static final String REBUILD = "bash native/gpu/cuda/build.sh (with nvcc on the PATH)";
    static final String REBUILD65 = "bash native/gpu/cuda/build.sh (with clang-14 and CUDA's libdevice)";
    /** The newest PTX ISA a CUDA 12.0 driver reads. */
    static final int[] MAX_PTX_ISA = {8, 0};
    /** The PTX ISA of the {@code <name>.sm53.ptx} files: what CUDA 10.2 drivers (JetPack 4.6) read. */
    static final int[] PTX_ISA_65 = {6, 5};
    /** The file name ending of the ISA 6.5 PTX, after the kernel name. */
    static final String PTX65 = ".sm53.ptx";

    private static final Pattern VERSION = Pattern.compile("(?m)^\\.version (\\d+)\\.(\\d+)\\s*$");
    private static final Pattern TARGET = Pattern.compile("(?m)^\\.target (\\S+)\\s*$");

    private CudaKernelFiles() {}

    /** The module folder (surefire's basedir, else the working directory, which surefire also sets). */
    static Path module() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    }

    static Path cudaDir() {
        return module().resolve("cuda");
    }

    static Path buildScript() {
        return cudaDir().resolve("build.sh");
    }

    /** What clang includes instead of CUDA's headers when it builds the ISA 6.5 PTX. */
    static Path compatHeader() {
        return cudaDir().resolve("clang/cuda_compat.h");
    }

    static Path resourceDir() {
        return module().resolve("src/main/resources/dev/shmt/gpu/kernels");
    }

    static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.list(cudaDir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".cu")).sorted().collect(Collectors.toList());
        }
    }

    static String kernelName(Path source) {
        String file = source.getFileName().toString();
        return file.substring(0, file.length() - ".cu".length());
    }

    /** The manifest key of a source: SHA-256 of its bytes followed by build.sh's bytes. */
    static String key(Path source) throws IOException {
        MessageDigest digest = sha256();
        digest.update(Files.readAllBytes(source));
        digest.update(Files.readAllBytes(buildScript()));
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The manifest key of a source's ISA 6.5 PTX: SHA-256 of its bytes, build.sh's, then the compat header's. */
    static String key65(Path source) throws IOException {
        MessageDigest digest = sha256();
        digest.update(Files.readAllBytes(source));
        digest.update(Files.readAllBytes(buildScript()));
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

    /** The manifest's lines: source file name -> its fields (key, ptx, fatbin, nvcc, key65, ptx65, clang, libdevice). */
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
    static Optional<Path> onPath(String program) {
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
}
