package dev.shmt.examples;

import dev.shmt.gpu.CudaKernelTree;
import dev.shmt.gpu.CudaKernelsAbiChecks;
import java.util.List;
import java.util.Map;

/** Filters' kernels have the parameters Filters' {@code @GpuKernel} calling convention passes. */
class CudaKernelsAbiTest extends CudaKernelsAbiChecks {
    @Override
    protected List<CudaKernelTree> trees() {
        return List.of(CudaKernelTree.of("main"));
    }

    @Override
    protected Map<String, Map<String, List<String>>> abi() {
        List<String> stencil = List.of(PTR, INT, PTR, INT, INT, INT);
        return Map.of("dev/shmt/examples/filters", Map.of("sharpen3", stencil, "blur5", stencil));
    }
}
