package dev.shmt.gpu;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The gpu device the {@code *OnGpuTest} classes of every module with kernels run on (this source root is
 * compiled into each one's tests). Maven's {@code gpu} executions set {@code shmt.test.gpu}: "standin" (the
 * default, against the host CUDA driver stand-in built with that module's kernels) or "real"; then a device
 * that did not open fails the test instead of skipping it. Run any other way, the tests are skipped where no
 * GPU is found, saying why. The gpu-jcuda, gpu-jna and gpu-nano executions also name the binding and the
 * gpu-nano one the kernel image the device must have gone through.
 */
public final class GpuUnderTest {
    public static final String STAND_IN = "SHMT host CUDA stand-in";

    private GpuUnderTest() {}

    /** The first gpu device with {@code streams} worker streams, as the test run expects it. */
    public static GpuDevice open(int streams) {
        GpuDevice gpu = GpuDevice.detect(streams).get(0);
        String expected = System.getProperty("shmt.test.gpu", "");
        switch (expected) {
            case "standin" -> assertWithMessage("the host CUDA stand-in should be on LD_LIBRARY_PATH")
                    .that(gpu.statusLine()).startsWith("gpu (" + STAND_IN + ",");
            case "real" -> {
                assertWithMessage("a real GPU").that(gpu.status().isAvailable()).isTrue();
                assertWithMessage("a real GPU, not the stand-in").that(gpu.detail()).doesNotContain(STAND_IN);
            }
            default -> assumeTrue(gpu.status().isAvailable(), "no GPU: " + gpu.status().cause());
        }
        // Maven's gpu-jcuda and gpu-jna executions each name the binding their tests must go through.
        String binding = System.getProperty("shmt.cuda.binding", "");
        if (!binding.isEmpty() && gpu.status().isAvailable()) {
            assertWithMessage("the binding %s asks for", binding).that(gpu.binding()).startsWith(binding + " ");
        }
        // The gpu-nano execution (and a real GPU run with -Dshmt.gpu.kernels) names the kernel image that loads.
        String image = System.getProperty("shmt.test.gpu.kernels", "");
        if (!image.isEmpty()) {
            assertWithMessage("the kernels loaded").that(gpu.detail()).contains("kernels: " + image);
        }
        return gpu;
    }

    public static boolean isStandIn(GpuDevice gpu) {
        return gpu.detail().startsWith(STAND_IN);
    }
}
