package dev.shmt.apps.cuda;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shmt.gpu.GpuDevice;

/**
 * The gpu device the kernels' {@code *OnGpuTest} classes run on. Maven's {@code gpu} executions set
 * {@code shmt.test.gpu}: "standin" (the host CUDA driver stand-in, built with the apps' and the examples'
 * kernels, on LD_LIBRARY_PATH) or "real"; then a device that did not open fails the test. Run any other way,
 * the tests are skipped where no GPU is found, saying why. The gpu-nano execution also names the kernel image
 * the device must load ({@code shmt.test.gpu.kernels}).
 */
final class GpuUnderTest {
    private static final String STAND_IN = "SHMT host CUDA stand-in";

    private GpuUnderTest() {}

    static GpuDevice open(int streams) {
        GpuDevice gpu = GpuDevice.detect(streams).get(0);
        switch (System.getProperty("shmt.test.gpu", "")) {
            case "standin" -> assertWithMessage("the host CUDA stand-in should be on LD_LIBRARY_PATH")
                    .that(gpu.statusLine()).startsWith("gpu (" + STAND_IN + ",");
            case "real" -> {
                assertWithMessage("a real GPU").that(gpu.status().isAvailable()).isTrue();
                assertWithMessage("a real GPU, not the stand-in").that(gpu.detail()).doesNotContain(STAND_IN);
            }
            default -> assumeTrue(gpu.status().isAvailable(), "no GPU: " + gpu.status().cause());
        }
        // Maven's gpu-jcuda, gpu-jna and gpu-nano executions each name the binding their tests must go through.
        String binding = System.getProperty("shmt.cuda.binding", "");
        if (!binding.isEmpty() && gpu.status().isAvailable()) {
            assertWithMessage("the binding %s asks for", binding).that(gpu.binding()).startsWith(binding + " ");
        }
        String image = System.getProperty("shmt.test.gpu.kernels", "");
        if (!image.isEmpty()) {
            assertWithMessage("the kernels loaded").that(gpu.detail()).contains("kernels: " + image);
        }
        return gpu;
    }
}
