package dev.shmt.gpu;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A module's kernels on the class path have the entry points and parameter lists the gpu device launches them
 * with: a matrix is a pointer (.u64) and, for 2-D kernels, its row stride (int); scalars follow in the VOP's
 * order; then int rows, int cols. A REDUCE kernel takes its partial result's buffer after its inputs. The ISA
 * 6.5 PTX ({@code <name>.sm53.ptx}, clang) declares what nvcc's ISA 8.0 PTX declares and uses none of the
 * floating-point shortcuts nvcc's avoids. The fatbins hold SASS for sm_75, sm_87, sm_90 and the same PTX as
 * the .ptx resource. A module with kernels extends this with the ABI each of its kernel files declares.
 */
public abstract class CudaKernelsAbiChecks {
    public static final String PTR = "ptr";
    public static final String INT = "int";
    public static final String FLOAT = "float";

    private static final Pattern ENTRY = Pattern.compile("\\.entry\\s+([A-Za-z_$][\\w$]*)\\s*\\(([^)]*)\\)");
    /** An entry with its parameter list and the directives (.maxntid, ...) between it and its body. */
    private static final Pattern ENTRY_BOUNDS =
            Pattern.compile("\\.entry\\s+([A-Za-z_$][\\w$]*)\\s*\\(([^)]*)\\)([^{]*)\\{");
    /** An initialized .const array: NAME[bytes] = {b0, b1, ...}; trailing zero bytes may be left out. */
    private static final Pattern CONST_ARRAY = Pattern.compile(
            "(?m)^(?:\\.visible\\s+)?\\.const\\s+(.*?)\\s+([A-Za-z_$][\\w$]*)\\[(\\d+)\\]\\s*=\\s*\\{([^}]*)\\}");
    /**
     * Instructions whose results depend on the compiler's floating-point choices (fused multiply-adds, flushed
     * subnormals, approximate division, square root and transcendentals, unrounded arithmetic that ptxas may
     * fuse): the ISA 6.5 PTX may use one only where nvcc's ISA 8.0 PTX of the same source does (nvcc:
     * -fmad=false -ftz=false -prec-div=true -prec-sqrt=true). Kept equal to FP_CHOICES in native/gpu/cuda/build.sh.
     */
    private static final List<String> FP_CHOICES = List.of("fma\\.", "mad\\.(r[nzmp]\\.)?f(16|32|64)",
            "(add|sub|mul)\\.f(32|64)\\s", "\\.ftz", "div\\.full", "div\\.approx", "sqrt\\.approx", "rcp\\.approx",
            "rsqrt\\.approx", "ex2\\.approx", "lg2\\.approx", "sin\\.approx", "cos\\.approx");
    private static final Pattern PARAM = Pattern.compile("\\.param\\s+(.*?)\\s+[A-Za-z_$][\\w$]*(\\[\\d+\\])?\\s*");

    /** The module's kernel trees. */
    protected abstract List<CudaKernelTree> trees();

    protected byte[] resource(String path) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(path)) {
            assertWithMessage("class path resource %s", path).that(in).isNotNull();
            return in.readAllBytes();
        }
    }

    protected String text(String path) throws IOException {
        return new String(resource(path), StandardCharsets.US_ASCII);
    }

    /** Each .entry of the PTX with its parameters as kinds (ptr, int, float) or, if neither, the PTX type. */
    static Map<String, List<String>> entries(String ptx) {
        Map<String, List<String>> entries = new LinkedHashMap<>();
        Matcher entry = ENTRY.matcher(ptx);
        while (entry.find()) {
            List<String> params = new ArrayList<>();
            String list = entry.group(2).trim();
            if (!list.isEmpty()) {
                for (String param : list.split(",")) {
                    Matcher m = PARAM.matcher(param.trim());
                    params.add(m.matches() ? kind(m.group(1) + Optional.ofNullable(m.group(2)).orElse(""))
                            : "unparsed: " + param.trim());
                }
            }
            entries.put(entry.group(1), params);
        }
        return entries;
    }

    private static String kind(String ptxType) {
        switch (ptxType) {
            case ".u64": return PTR;
            case ".u32": case ".s32": return INT;
            case ".f32": return FLOAT;
            default: return ptxType;
        }
    }

    /** Each entry's parameter types (names dropped) and launch bounds, as one normalized string. */
    static Map<String, String> entryDeclarations(String ptx) {
        Map<String, String> entries = new LinkedHashMap<>();
        Matcher m = ENTRY_BOUNDS.matcher(ptx);
        while (m.find()) {
            String params = m.group(2).replaceAll("[A-Za-z_$][\\w$]*_param_\\d+", "").replaceAll("\\s+", " ").trim();
            entries.put(m.group(1), "(" + params + ") " + m.group(3).replaceAll("\\s+", " ").trim());
        }
        return entries;
    }

    /** Each initialized .const array: its type and alignment, and all its bytes, trailing zeros written out. */
    static Map<String, String> constArrays(String ptx) {
        Map<String, String> arrays = new LinkedHashMap<>();
        Matcher m = CONST_ARRAY.matcher(ptx);
        while (m.find()) {
            List<String> bytes = new ArrayList<>();
            for (String b : m.group(4).split(",")) {
                bytes.add(b.trim());
            }
            while (bytes.size() < Integer.parseInt(m.group(3))) {
                bytes.add("0");
            }
            arrays.put(m.group(2), m.group(1).replaceAll("\\s+", " ") + " [" + m.group(3) + "] " + bytes);
        }
        return arrays;
    }

    /** Every kernel source's outputs, as class path names without the ending. */
    protected List<String> kernelFiles() throws IOException {
        List<String> files = new ArrayList<>();
        for (CudaKernelTree tree : trees()) {
            for (Path source : tree.sources()) {
                files.add(tree.resource(source, ""));
            }
        }
        return files;
    }

    @Test
    public void isa65PtxDeclaresWhatTheIsa80PtxDeclares() throws IOException {
        for (String name : kernelFiles()) {
            String ptx80 = text(name + ".ptx");
            String ptx65 = text(name + CudaKernelFiles.PTX65);
            assertWithMessage("entries, parameter types and launch bounds of %s%s against %s.ptx",
                    name, CudaKernelFiles.PTX65, name)
                    .that(entryDeclarations(ptx65)).containsExactlyEntriesIn(entryDeclarations(ptx80));
            assertWithMessage("constant arrays of %s%s against %s.ptx", name, CudaKernelFiles.PTX65, name)
                    .that(constArrays(ptx65)).containsExactlyEntriesIn(constArrays(ptx80));
        }
    }

    private static long count(String ptx, String regex) {
        Pattern p = Pattern.compile(regex);
        return ptx.lines().filter(l -> !l.strip().startsWith("//")).filter(l -> p.matcher(l).find()).count();
    }

    @Test
    public void isa65PtxTakesNoFloatingPointShortcutTheIsa80PtxAvoids() throws IOException {
        for (String name : kernelFiles()) {
            String ptx80 = text(name + ".ptx");
            String ptx65 = text(name + CudaKernelFiles.PTX65);
            for (String choice : FP_CHOICES) {
                if (count(ptx80, choice) == 0) {
                    assertWithMessage("instructions matching '%s' in %s%s, where %s.ptx has none",
                            choice, name, CudaKernelFiles.PTX65, name).that(count(ptx65, choice)).isEqualTo(0);
                }
            }
        }
    }

    @Test
    public void everyFatbinHoldsSassForEachArchitectureAndThePtx() throws IOException {
        for (String name : kernelFiles()) {
            byte[] fatbin = resource(name + ".fatbin");
            int magic = (fatbin[0] & 0xff) | (fatbin[1] & 0xff) << 8 | (fatbin[2] & 0xff) << 16 | (fatbin[3] & 0xff) << 24;
            assertWithMessage("%s.fatbin's first four bytes, little-endian", name)
                    .that(Integer.toHexString(magic)).isEqualTo(Integer.toHexString(FatbinImages.MAGIC));
            List<FatbinImages.Image> images = FatbinImages.parse(fatbin);
            assertWithMessage("images in %s.fatbin", name)
                    .that(images.stream().map(FatbinImages.Image::describe).collect(Collectors.toList()))
                    .containsExactly("sass sm_75", "ptx sm_75", "sass sm_87", "sass sm_90");
            String embedded = images.stream().filter(i -> i.kind() == FatbinImages.KIND_PTX)
                    .findFirst().orElseThrow().text();
            // nvcc strips comments and blank space from the PTX it embeds, so compare what a driver reads.
            String ptx = text(name + ".ptx");
            assertWithMessage("%s.fatbin's PTX .version", name)
                    .that(CudaKernelFiles.ptxVersion(embedded).map(v -> v[0] + "." + v[1]))
                    .isEqualTo(CudaKernelFiles.ptxVersion(ptx).map(v -> v[0] + "." + v[1]));
            assertWithMessage("%s.fatbin's PTX .target", name)
                    .that(CudaKernelFiles.ptxTarget(embedded)).isEqualTo(CudaKernelFiles.ptxTarget(ptx));
            assertWithMessage("entry points of %s.fatbin's PTX", name)
                    .that(entries(embedded)).isEqualTo(entries(ptx));
        }
    }
}
