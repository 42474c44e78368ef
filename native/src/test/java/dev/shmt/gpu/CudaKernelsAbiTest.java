package dev.shmt.gpu;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
 * The kernels on the class path have the entry points and parameter lists the gpu device launches them with:
 * a matrix is a pointer (.u64) and, for 2-D kernels, its row stride (int); scalars follow in the VOP's order;
 * then int rows, int cols. histogram256, a REDUCE kernel, takes its partial result's buffer after its inputs.
 * The fatbins hold SASS for sm_75, sm_87, sm_90 and the same PTX as the .ptx resource.
 */
class CudaKernelsAbiTest {
    private static final String PTR = "ptr";
    private static final String INT = "int";
    private static final String FLOAT = "float";

    /** Resource name -> kernel -> parameter kinds, in order. */
    private static final Map<String, Map<String, List<String>>> ABI = Map.of(
            "stencils", Map.of(
                    "sobel3", List.of(PTR, INT, PTR, INT, INT, INT),
                    "sharpen3", List.of(PTR, INT, PTR, INT, INT, INT),
                    "blur5", List.of(PTR, INT, PTR, INT, INT, INT),
                    "laplacian3", List.of(PTR, INT, PTR, INT, INT, INT),
                    "mean3", List.of(PTR, INT, PTR, INT, INT, INT),
                    "hotspot", List.of(PTR, INT, PTR, INT, PTR, INT, INT, INT),
                    "fdwt97", List.of(PTR, INT, PTR, INT, INT, INT, INT, INT),
                    "srad_coefficient", List.of(PTR, INT, PTR, INT, FLOAT, INT, INT),
                    "srad_update", List.of(PTR, INT, PTR, INT, PTR, INT, FLOAT, INT, INT)),
            "blackscholes", Map.of(
                    "blackscholes", List.of(PTR, PTR, PTR, FLOAT, FLOAT, PTR, PTR, INT, INT)),
            "fft", Map.of(
                    "fft_rows", List.of(PTR, INT, PTR, INT, PTR, INT, PTR, INT, INT, INT)),
            "dct8x8", Map.of(
                    "dct8x8", List.of(PTR, INT, PTR, INT, INT, INT)),
            // pixels, then the HLOP's partial (256 counters): @GpuKernel's REDUCE convention.
            "histogram", Map.of(
                    "histogram256", List.of(PTR, PTR, INT, INT)));

    private static final Pattern ENTRY = Pattern.compile("\\.entry\\s+([A-Za-z_$][\\w$]*)\\s*\\(([^)]*)\\)");
    private static final Pattern PARAM = Pattern.compile("\\.param\\s+(.*?)\\s+[A-Za-z_$][\\w$]*(\\[\\d+\\])?\\s*");

    private static byte[] resource(String file) throws IOException {
        String path = "dev/shmt/gpu/kernels/" + file;
        try (InputStream in = CudaKernelsAbiTest.class.getClassLoader().getResourceAsStream(path)) {
            assertWithMessage("class path resource %s", path).that(in).isNotNull();
            return in.readAllBytes();
        }
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

    @Test
    void parserReadsPtxEntries() {
        String ptx = ".visible .entry k(\n\t.param .u64 k_param_0,\n\t.param .s32 k_param_1,\n"
                + "\t.param .f32 k_param_2,\n\t.param .align 8 .b8 k_param_3[16]\n)\n{\n}\n"
                + ".visible .entry none()\n{\n}\n";
        assertWithMessage("parsed entries").that(entries(ptx)).containsExactly(
                "k", List.of(PTR, INT, FLOAT, ".align 8 .b8[16]"), "none", List.of()).inOrder();
    }

    @Test
    void everyKernelHasTheAbiParameters() throws IOException {
        for (Map.Entry<String, Map<String, List<String>>> file : ABI.entrySet()) {
            String ptx = new String(resource(file.getKey() + ".ptx"), StandardCharsets.US_ASCII);
            Map<String, List<String>> entries = entries(ptx);
            assertWithMessage("entry points of %s.ptx", file.getKey())
                    .that(entries.keySet()).containsExactlyElementsIn(file.getValue().keySet());
            for (Map.Entry<String, List<String>> kernel : file.getValue().entrySet()) {
                assertWithMessage("parameters of %s in %s.ptx", kernel.getKey(), file.getKey())
                        .that(entries.get(kernel.getKey())).containsExactlyElementsIn(kernel.getValue()).inOrder();
            }
        }
    }

    @Test
    void everyFatbinHoldsSassForEachArchitectureAndThePtx() throws IOException {
        for (String name : ABI.keySet()) {
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
            String ptx = new String(resource(name + ".ptx"), StandardCharsets.US_ASCII);
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
