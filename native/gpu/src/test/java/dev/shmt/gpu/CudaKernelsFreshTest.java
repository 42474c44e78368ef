package dev.shmt.gpu;

import java.util.List;

/** The gpu device's own kernels (the probe it loads when it opens, its tests' kernels) are fresh. */
class CudaKernelsFreshTest extends CudaKernelsFreshChecks {
    @Override
    protected List<CudaKernelTree> trees() {
        return List.of(CudaKernelTree.of("main"), CudaKernelTree.of("test"));
    }
}
