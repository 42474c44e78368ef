package dev.shmt.gpu;

import static com.google.common.truth.Truth.assertWithMessage;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gpu device's own kernels have the parameters it launches them with, and the PTX parsers of
 * {@link CudaKernelsAbiChecks} read what they should.
 */
class CudaKernelsAbiTest extends CudaKernelsDeclaredAbiChecks {
    @Override
    protected List<CudaKernelTree> trees() {
        return List.of(CudaKernelTree.of("main"), CudaKernelTree.of("test"));
    }

    @Override
    protected Map<String, Map<String, List<String>>> abi() {
        List<String> stencil = List.of(PTR, INT, PTR, INT, INT, INT);
        return Map.of(
                "dev/shmt/gpu/probe", Map.of("shmt_probe", List.of(PTR)),
                "dev/shmt/gpu/test_kernels", Map.of(
                        "cross1", stencil,
                        "cross2", stencil,
                        "where_at", List.of(PTR, INT, PTR, INT, INT, INT, INT, INT),
                        // values, then the HLOP's partial (16 counters): @GpuKernel's REDUCE convention.
                        "bins16", List.of(PTR, PTR, INT, INT)));
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
    void parserReadsBoundsAndConstants() {
        String ptx = ".visible .const .align 4 .b8 C[8] = {1, 2, 3};\n"
                + ".visible .entry k(\n\t.param .u64 k_param_0\n)\n.maxntid 256, 1, 1\n{\n}\n";
        assertWithMessage("entry declarations").that(entryDeclarations(ptx))
                .containsExactly("k", "(.param .u64) .maxntid 256, 1, 1");
        assertWithMessage("constant arrays").that(constArrays(ptx))
                .containsExactly("C", ".align 4 .b8 [8] [1, 2, 3, 0, 0, 0, 0, 0]");
    }
}
