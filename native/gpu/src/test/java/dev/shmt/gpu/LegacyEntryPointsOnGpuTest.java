package dev.shmt.gpu;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.NativeLibrary;
import org.junit.jupiter.api.Test;

/**
 * What a binding that called the legacy {@code cuMemAlloc} (32-bit pointers and sizes) instead of
 * {@code cuMemAlloc_v2} would get from the stand-in: an address cut to 32 bits that no later call accepts,
 * because every stand-in allocation lies above 4 GiB. It is the stand-in that makes such a binding fail the
 * other GPU tests; this test shows that it does.
 */
class LegacyEntryPointsOnGpuTest {
    @Test
    void aPointerFromTheLegacyCuMemAllocIsRefusedByEveryLaterCall() {
        GpuDevice gpu = GpuUnderTest.open(1);
        try {
            assumeTrue(GpuUnderTest.isStandIn(gpu), "only the stand-in promises allocations above 4 GiB");
            gpu.context().makeCurrent();
            CudaDriver cu = gpu.context().driver();
            long[] wide = new long[1];
            cu.check(cu.cuMemAlloc(wide, 4096), "cuMemAlloc");
            assertThat(wide[0] >>> 32).isNotEqualTo(0L);

            int[] narrow = new int[1];
            NativeLibrary libcuda = NativeLibrary.getInstance(CudaBinding.LIBCUDA);
            int r = libcuda.getFunction("cuMemAlloc").invokeInt(new Object[] {narrow, 4096});
            assertThat(r).isEqualTo(CudaDriver.CUDA_SUCCESS);
            long truncated = Integer.toUnsignedLong(narrow[0]);
            GpuException e = assertThrows(GpuException.class,
                    () -> cu.check(cu.cuMemcpyHtoD(truncated, new float[16], 64), "cuMemcpyHtoD"));
            assertThat(e).hasMessageThat().endsWith("is not in any live device allocation");
            cu.check(cu.cuMemFree(wide[0]), "cuMemFree");
        } finally {
            gpu.close();
        }
    }
}
