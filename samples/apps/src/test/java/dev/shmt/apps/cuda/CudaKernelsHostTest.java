package dev.shmt.apps.cuda;

import dev.shmt.gpu.CudaKernelTree;
import dev.shmt.gpu.CudaKernelsHostChecks;
import java.util.List;

/**
 * The apps' kernels pass their host checks (src/test/cuda/dev/shmt/apps/..., one per app): the stencils bit for
 * bit against the Java bodies, Black-Scholes and the row FFT against double-precision references, the
 * histogram against a plain count.
 */
class CudaKernelsHostTest extends CudaKernelsHostChecks {
    @Override
    protected List<String> runArgs() {
        return List.of("--src", CudaKernelTree.of("main").src().toString(),
                "--checks", CudaKernelTree.of("test").src().toString());
    }
}
