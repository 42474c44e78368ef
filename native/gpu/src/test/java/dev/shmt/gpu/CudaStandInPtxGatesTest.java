package dev.shmt.gpu;

import java.util.List;

/** The gpu device's own kernel files (the probe, its tests' kernels) on the stand-in playing each board. */
class CudaStandInPtxGatesTest extends CudaStandInGatesChecks {
    @Override
    protected List<String> gatesArgs() {
        return List.of("--out", CudaKernelFiles.module().resolve("target/cuda-standin").toString(),
                "--res", CudaKernelTree.of("main").res().toString(), "--res", CudaKernelTree.of("test").res().toString(),
                CudaKernelTree.of("test").src().toString());
    }
}
