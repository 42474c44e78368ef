package dev.shmt.examples;

import dev.shmt.gpu.CudaKernelTree;
import dev.shmt.gpu.CudaKernelsAbiChecks;
import java.util.List;

/**
 * Filters' kernels: the ISA 6.5 PTX declares what the ISA 8.0 PTX does and takes no floating-point shortcut
 * it avoids, and each fatbin holds every architecture. Their parameters against Filters' {@code @GpuKernel}
 * calling convention are the processor's check ({@code [ShmtGpuKernelParams]}) when Filters compiles.
 */
class CudaKernelsAbiTest extends CudaKernelsAbiChecks {
    @Override
    protected List<CudaKernelTree> trees() {
        return List.of(CudaKernelTree.of("main"));
    }
}
