package dev.shmt.apps.cuda;

import dev.shmt.gpu.CudaKernelTree;
import dev.shmt.gpu.CudaKernelsAbiChecks;
import java.util.List;
import java.util.Map;

/** The apps' kernels have the parameters their VOPs' {@code @GpuKernel} calling convention passes. */
class CudaKernelsAbiTest extends CudaKernelsAbiChecks {
    @Override
    protected List<CudaKernelTree> trees() {
        return List.of(CudaKernelTree.of("main"));
    }

    @Override
    protected Map<String, Map<String, List<String>>> abi() {
        List<String> stencil = List.of(PTR, INT, PTR, INT, INT, INT);
        return Map.of(
                "dev/shmt/apps/sobel/sobel", Map.of("sobel3", stencil),
                "dev/shmt/apps/laplacian/laplacian", Map.of("laplacian3", stencil),
                "dev/shmt/apps/meanfilter/meanfilter", Map.of("mean3", stencil),
                "dev/shmt/apps/hotspot", Map.of("hotspot", List.of(PTR, INT, PTR, INT, PTR, INT, INT, INT)),
                "dev/shmt/apps/dwt/dwt", Map.of("fdwt97", List.of(PTR, INT, PTR, INT, INT, INT, INT, INT)),
                "dev/shmt/apps/srad/srad", Map.of(
                        "srad_coefficient", List.of(PTR, INT, PTR, INT, FLOAT, INT, INT),
                        "srad_update", List.of(PTR, INT, PTR, INT, PTR, INT, FLOAT, INT, INT)),
                "dev/shmt/apps/blackscholes/blackscholes", Map.of(
                        "blackscholes", List.of(PTR, PTR, PTR, FLOAT, FLOAT, PTR, PTR, INT, INT)),
                "dev/shmt/apps/fft/fft", Map.of("fft_rows", List.of(PTR, INT, PTR, INT, PTR, INT, PTR, INT, INT, INT)),
                "dev/shmt/apps/dct8x8/dct8x8", Map.of("dct8x8", stencil),
                // pixels, then the HLOP's partial (256 counters): @GpuKernel's REDUCE convention.
                "dev/shmt/apps/histogram/histogram", Map.of("histogram256", List.of(PTR, PTR, INT, INT)));
    }
}
