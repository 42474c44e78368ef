package dev.shmt.gpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The kernel sources of one source set of a module ({@code src/<set>/cuda/<package path>/<name>.cu}) and the
 * resource folder build.sh writes their outputs to ({@code src/<set>/resources/<package path>/<name>.ptx},
 * {@code .sm53.ptx}, {@code .fatbin}), with each source's manifest ({@code <name>.sha256}) beside it.
 */
public record CudaKernelTree(Path src, Path res) {
    /** {@code src/<set>/cuda} and {@code src/<set>/resources} of {@code module}. */
    public static CudaKernelTree of(Path module, String set) {
        return new CudaKernelTree(module.resolve("src").resolve(set).resolve("cuda").normalize(),
                module.resolve("src").resolve(set).resolve("resources").normalize());
    }

    /** {@code src/<set>/...} of the module under test. */
    public static CudaKernelTree of(String set) {
        return of(CudaKernelFiles.module(), set);
    }

    /** Every {@code .cu} below {@link #src}, in path order. */
    public List<Path> sources() throws IOException {
        return walk(".cu");
    }

    /** Every manifest ({@code .sha256}) below {@link #src}, in path order. */
    List<Path> manifests() throws IOException {
        return walk(".sha256");
    }

    private List<Path> walk(String ending) throws IOException {
        if (!Files.isDirectory(src)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(src)) {
            return files.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(ending)).sorted()
                    .collect(Collectors.toList());
        }
    }

    static String kernelName(Path source) {
        String file = source.getFileName().toString();
        return file.substring(0, file.length() - ".cu".length());
    }

    /** The source's folder below {@link #src} ("dev/shmt/apps/sobel"), "" at the top. */
    String packagePath(Path source) {
        Path dir = src.relativize(source).getParent();
        return dir == null ? "" : dir.toString().replace('\\', '/');
    }

    /** The class path name of one of the source's outputs: "dev/shmt/apps/sobel/sobel" + suffix. */
    public String resource(Path source, String suffix) {
        String dir = packagePath(source);
        return (dir.isEmpty() ? "" : dir + "/") + kernelName(source) + suffix;
    }

    /** The committed output {@code suffix} (".ptx", ".fatbin", ".sm53.ptx") of a source. */
    Path output(Path source, String suffix) {
        return res.resolve(resource(source, suffix));
    }

    /** The same output below {@code dir}, where build.sh --out dir writes it. */
    Path output(Path source, String suffix, Path dir) {
        return dir.resolve(resource(source, suffix));
    }

    static Path manifest(Path source) {
        return source.resolveSibling(kernelName(source) + ".sha256");
    }

    /** The command that rebuilds these kernels, for messages. */
    String rebuild(String with) {
        Path root = CudaKernelFiles.toolsDir().getParent().getParent().getParent();
        return "bash native/gpu/cuda/build.sh --src " + root.relativize(src) + " (with " + with + ")";
    }
}
