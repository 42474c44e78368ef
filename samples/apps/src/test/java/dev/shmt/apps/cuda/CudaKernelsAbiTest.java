package dev.shmt.apps.cuda;

import dev.shmt.gpu.CudaKernelTree;
import dev.shmt.gpu.CudaKernelsAbiChecks;
import java.util.List;

/**
 * Every app's kernels, found in the source tree: the ISA 6.5 PTX declares what the ISA 8.0 PTX does and
 * takes no floating-point shortcut it avoids, and each fatbin holds every architecture. Their parameters
 * against each VOP's {@code @GpuKernel} calling convention are the processor's check
 * ({@code [ShmtGpuKernelParams]}) when the VOP compiles, so a new app's kernel needs no entry here.
 */
class CudaKernelsAbiTest extends CudaKernelsAbiChecks {
    @Override
    protected List<CudaKernelTree> trees() {
        return List.of(CudaKernelTree.of("main"));
    }
}
