package dev.shmt.examples;

import dev.shmt.gpu.CudaKernelTree;
import dev.shmt.gpu.CudaKernelsFreshChecks;
import java.util.List;

/** Filters' kernels (src/main/cuda) are what native/gpu/cuda/build.sh makes of their source. */
class CudaKernelsFreshTest extends CudaKernelsFreshChecks {
    @Override
    protected List<CudaKernelTree> trees() {
        return List.of(CudaKernelTree.of("main"));
    }
}
