package dev.shmt.gpu.energy;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.shmt.runtime.spi.EnergyMeter;
import dev.shmt.runtime.spi.EnergyMeterProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NVML meter where there is no NVML, and how the runtime finds it. */
class NvmlMeterTest {
    @TempDir
    Path dir;

    @Test
    void missingLibraryIsUnavailableNamingIt() {
        String lib = dir.resolve("NoDriver/libnvidia-ml.so.1").toString();
        try (NvmlMeter meter = new NvmlMeter(lib)) {
            assertThat(meter.unavailable()).isEqualTo("no " + lib + ": no NVIDIA driver on this machine");
            assertThat(meter.channels()).isEmpty();
            assertThat(meter.detail()).isEqualTo(lib);
        }
    }

    @Test
    void withoutADriverTheDefaultLibraryIsMissing() throws IOException {
        assumeFalse(systemHasNvml(), "this machine has libnvidia-ml.so.1, so 'no driver' cannot be shown here");
        try (NvmlMeter meter = new NvmlMeter()) {
            assertThat(meter.unavailable()).isEqualTo("no libnvidia-ml.so.1: no NVIDIA driver on this machine");
        }
    }

    @Test
    void providerIsFoundByServiceLoader() {
        assertThat(ServiceLoader.load(EnergyMeterProvider.class).stream().map(ServiceLoader.Provider::type).toList())
                .contains(NvmlMeterProvider.class);
    }

    @Test
    void providerGivesTheMeterOnTheLibraryTheSettingNamesKeepingItsCase() {
        String lib = dir.resolve("NoDriver/LibNvidia-ML.so.1").toString();
        System.setProperty("shmt.energy.nvml", lib);
        try {
            List<EnergyMeter> meters = new NvmlMeterProvider().meters(List.of());
            assertThat(meters).hasSize(1);
            assertThat(meters.get(0).name()).isEqualTo("nvml");
            assertThat(meters.get(0).unavailable()).isEqualTo("no " + lib + ": no NVIDIA driver on this machine");
        } finally {
            System.clearProperty("shmt.energy.nvml");
        }
    }

    /** True when the dynamic loader's cache or the usual folders hold a libnvidia-ml.so.1. */
    private static boolean systemHasNvml() throws IOException {
        Path cache = Path.of("/etc/ld.so.cache");
        if (Files.isReadable(cache)
                && new String(Files.readAllBytes(cache), StandardCharsets.ISO_8859_1).contains("libnvidia-ml.so.1")) {
            return true;
        }
        for (String d : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib")) {
            if (Files.exists(Path.of(d, "libnvidia-ml.so.1"))) {
                return true;
            }
        }
        return false;
    }
}
