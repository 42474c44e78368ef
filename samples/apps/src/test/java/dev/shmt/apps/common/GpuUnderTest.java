package dev.shmt.apps.common;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shmt.gpu.GpuDevice;

/**
 * The gpu device the {@code *OnGpuTest} classes run the bundled VOPs on, as native's tests of the same name
 * expect it: Maven's {@code gpu} execution sets {@code shmt.test.gpu} to "standin" (the host CUDA driver
 * stand-in on LD_LIBRARY_PATH) or "real", and a device that did not open then fails the test; run any
 * other way, the test is skipped where no GPU is found, saying why.
 */
public final class GpuUnderTest {
    private static final String STAND_IN = "SHMT host CUDA stand-in";

    private GpuUnderTest() {}

    public static GpuDevice open(int streams) {
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
        // Maven's gpu-jcuda and gpu-jna executions each name the binding their tests must go through.
        String binding = System.getProperty("shmt.cuda.binding", "");
        if (!binding.isEmpty() && gpu.status().isAvailable()) {
            assertWithMessage("the binding %s asks for", binding).that(gpu.binding()).startsWith(binding + " ");
        }
        return gpu;
    }
}
