package dev.shmt.apps.cuda;

import dev.shmt.gpu.CudaKernelFiles;
import dev.shmt.gpu.CudaKernelTree;
import dev.shmt.gpu.CudaStandInGatesChecks;
import java.nio.file.Path;
import java.util.List;

/**
 * The apps' and the examples' kernel files on the stand-in playing each board, with the stand-in the gpu
 * executions run on (the same kernels: pom.xml's cuda-standin execution).
 */
class CudaStandInPtxGatesTest extends CudaStandInGatesChecks {
    @Override
    protected List<String> gatesArgs() {
        Path examples = CudaKernelFiles.module().resolve("../examples").normalize();
        return List.of("--out", CudaKernelFiles.module().resolve("target/cuda-standin").toString(),
                "--res", CudaKernelTree.of("main").res().toString(),
                "--res", CudaKernelTree.of(examples, "main").res().toString(),
                CudaKernelTree.of("main").src().toString(), CudaKernelTree.of(examples, "main").src().toString());
    }
}
