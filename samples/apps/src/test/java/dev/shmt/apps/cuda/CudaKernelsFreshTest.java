package dev.shmt.apps.cuda;

import dev.shmt.gpu.CudaKernelTree;
import dev.shmt.gpu.CudaKernelsFreshChecks;
import java.util.List;

/** The apps' kernels (src/main/cuda) are what native/gpu/cuda/build.sh makes of their sources. */
class CudaKernelsFreshTest extends CudaKernelsFreshChecks {
    @Override
    protected List<CudaKernelTree> trees() {
        return List.of(CudaKernelTree.of("main"));
    }
}
