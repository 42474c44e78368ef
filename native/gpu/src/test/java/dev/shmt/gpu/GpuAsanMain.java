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
 * Runs the stencils through the gpu device on ragged tiles with 1 and 2 streams and checks them bit for bit
 * against the Java bodies, and the histogram (a REDUCE: its partial result's buffer too) on a ragged last
 * chunk against the count; prints "ok". {@link StandInUnderAsanTest} runs it in a JVM whose libcuda.so.1 is
 * the stand-in built with AddressSanitizer, which aborts on any read outside an allocation.
 */
public final class GpuAsanMain {
    private GpuAsanMain() {}

    public static void main(String[] args) {
        FloatMatrix src = GpuKernelsOnGpuTest.imageView(301, 517, 9).withBorder(Border.REFLECT_101);
        for (int streams = 1; streams <= 2; streams++) {
            check("sobel3", 1, src, streams, GpuKernelsOnGpuTest.javaSobel3(src));
            check("sharpen3", 1, src, streams, GpuKernelsOnGpuTest.javaSharpen3(src));
            check("blur5", 2, src, streams, GpuKernelsOnGpuTest.javaBlur5(src));
            checkHistogram(streams);
        }
        System.out.println("ok");
    }

    private static void checkHistogram(int streams) {
        float[] a = GpuReduceOnGpuTest.pixels(3 * 1024 + 77, 5);
        VopCall call = VopCall.builder("histogram256", Partition.REDUCE).length(a.length).chunkHint(1024)
                .arg("pixels", VopCall.Role.IN, FloatArray.wrap(a))
                .cpu(region -> GpuReduceOnGpuTest.count(a, region.start(), region.length()))
                .<long[]>combiner(GpuReduceOnGpuTest::add)
                .implementation(GpuKernelRef.class, GpuReduceOnGpuTest.HISTOGRAM).build();
        long[] bins;
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(open(streams))
                .policy("single:gpu").build()) {
            bins = (long[]) rt.execute(call).result();
        }
        if (!Arrays.equals(bins, GpuReduceOnGpuTest.count(a, 0, a.length))) {
            throw new AssertionError("histogram256 with " + streams + " stream(s): bins differ from the count");
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

    private static void check(String kernel, int halo, FloatMatrix src, int streams, FloatMatrix expected) {
        FloatMatrix dst = FloatMatrix.create(src.rows(), src.cols());
        VopCall call = VopCall.builder(kernel, Partition.TILE_2D).shape(src.rows(), src.cols()).halo(halo)
                .border(Border.REFLECT_101).tileHint(97, 131)
                .arg("src", VopCall.Role.IN, src).arg("dst", VopCall.Role.OUT, dst)
                .implementation(GpuKernelRef.class, new GpuKernelRef(GpuDevice.class,
                        "dev/shmt/gpu/kernels/stencils.ptx", kernel)).build();
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(open(streams)).policy("single:gpu")
                .build()) {
            rt.execute(call);
        }
        GpuKernelsOnGpuTest.assertBitwise(kernel + " with " + streams + " stream(s)", dst, expected);
    }
}
