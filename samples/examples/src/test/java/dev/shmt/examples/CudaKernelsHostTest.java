package dev.shmt.examples;

import dev.shmt.gpu.CudaKernelTree;
import dev.shmt.gpu.CudaKernelsHostChecks;
import java.util.List;

/** Filters' kernels pass their host check (src/test/cuda): bit for bit the Java bodies of sharpen3 and blur5. */
class CudaKernelsHostTest extends CudaKernelsHostChecks {
    @Override
    protected List<String> runArgs() {
        return List.of("--src", CudaKernelTree.of("main").src().toString(),
                "--checks", CudaKernelTree.of("test").src().toString());
    }
}
