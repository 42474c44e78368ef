package dev.shmt.gpu;

import dev.shmt.api.Border;
import dev.shmt.api.FloatArray;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Partition;
import dev.shmt.api.VopCall;
import dev.shmt.api.gpu.GpuKernelRef;
import dev.shmt.runtime.ShmtRuntime;
import java.util.Arrays;

/**
 * Runs the test kernels' stencils (halo 1 and 2, tiled through shmt_tile.cuh) through the gpu device on ragged
 * tiles with 1 and 2 streams and checks them bit for bit against their Java formulas, and bins16 (a REDUCE: its
 * partial result's buffer too) on a ragged last chunk against the count; prints "ok". {@link
 * StandInUnderAsanTest} runs it in a JVM whose libcuda.so.1 is the stand-in built with AddressSanitizer, which
 * aborts on any read outside an allocation.
 */
public final class GpuAsanMain {
    private GpuAsanMain() {}

    public static void main(String[] args) {
        FloatMatrix src = GpuTestImages.imageView(301, 517, 9).withBorder(Border.REFLECT_101);
        for (int streams = 1; streams <= 2; streams++) {
            check(1, src, streams);
            check(2, src, streams);
            checkBins16(streams);
        }
        System.out.println("ok");
    }

    private static void checkBins16(int streams) {
        float[] a = TestKernels.values(3 * 1024 + 77, 5);
        VopCall call = VopCall.builder("bins16", Partition.REDUCE).length(a.length).chunkHint(1024)
                .arg("values", VopCall.Role.IN, FloatArray.wrap(a))
                .cpu(region -> TestKernels.count16(a, region.start(), region.length()))
                .<long[]>combiner(TestKernels::add)
                .implementation(GpuKernelRef.class, TestKernels.BINS16).build();
        long[] bins;
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(open(streams))
                .policy("single:gpu").build()) {
            bins = (long[]) rt.execute(call).result();
        }
        if (!Arrays.equals(bins, TestKernels.count16(a, 0, a.length))) {
            throw new AssertionError("bins16 with " + streams + " stream(s): bins differ from the count");
        }
    }

    private static GpuDevice open(int streams) {
        GpuDevice gpu = GpuDevice.detect(streams).get(0);
        if (!gpu.status().isAvailable()) {
            throw new IllegalStateException("gpu: " + gpu.status().cause());
        }
        String binding = System.getProperty(CudaBinding.PROPERTY, "");
        if (!binding.isEmpty() && !gpu.binding().startsWith(binding + " ")) {
            throw new IllegalStateException("asked for binding " + binding + ", ran through " + gpu.binding());
        }
        return gpu;
    }

    private static void check(int distance, FloatMatrix src, int streams) {
        FloatMatrix dst = FloatMatrix.create(src.rows(), src.cols());
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(open(streams)).policy("single:gpu")
                .build()) {
            rt.execute(TestKernels.cross(distance, src, dst, 97, 131));
        }
        GpuTestImages.assertBitwise("cross" + distance + " with " + streams + " stream(s)", dst, TestKernels.cross(distance, src));
    }
}
