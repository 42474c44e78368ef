package dev.shmt.gpu;

import java.util.List;

/** The gpu device's own kernels (the probe, its tests' kernels and shmt_tile.cuh's tiling) pass their host checks. */
class CudaKernelsHostTest extends CudaKernelsHostChecks {
    @Override
    protected List<String> runArgs() {
        return List.of("--src", CudaKernelTree.of("main").src().toString(), "--src", CudaKernelTree.of("test").src().toString(),
                "--checks", CudaKernelTree.of("test").src().toString());
    }
}
