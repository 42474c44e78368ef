package dev.shmt.gpu;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link CudaKernelsAbiChecks} plus a hand-written parameter list per kernel, for kernels no VOP calls
 * (native/gpu's probe and test kernels). A VOP's kernel needs none: the processor compares its PTX
 * parameters with the VOP's {@code @GpuKernel} calling convention when the VOP compiles
 * ({@code [ShmtGpuKernelParams]}), so adding an app's kernel edits no list.
 */
public abstract class CudaKernelsDeclaredAbiChecks extends CudaKernelsAbiChecks {
    /**
     * Per kernel file, its class path name without the ending ("dev/shmt/apps/sobel/sobel"), its kernels and
     * their parameter kinds in order ({@link #PTR}, {@link #INT}, {@link #FLOAT}).
     */
    protected abstract Map<String, Map<String, List<String>>> abi();

    @Test
    public void everyKernelFileDeclaresItsAbiHere() throws IOException {
        assertWithMessage("kernel files with an ABI in %s (every source's outputs need one)", getClass().getName())
                .that(abi().keySet()).containsExactlyElementsIn(kernelFiles());
    }

    @Test
    public void everyKernelHasTheAbiParameters() throws IOException {
        for (Map.Entry<String, Map<String, List<String>>> file : abi().entrySet()) {
            for (String suffix : List.of(".ptx", CudaKernelFiles.PTX65)) {
                String name = file.getKey() + suffix;
                Map<String, List<String>> entries = entries(text(name));
                assertWithMessage("entry points of %s", name)
                        .that(entries.keySet()).containsExactlyElementsIn(file.getValue().keySet());
                for (Map.Entry<String, List<String>> kernel : file.getValue().entrySet()) {
                    assertWithMessage("parameters of %s in %s", kernel.getKey(), name)
                            .that(entries.get(kernel.getKey())).containsExactlyElementsIn(kernel.getValue()).inOrder();
                }
            }
        }
    }

}
