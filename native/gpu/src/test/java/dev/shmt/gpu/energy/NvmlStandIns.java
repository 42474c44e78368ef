package dev.shmt.gpu.energy;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds stand-in libnvidia-ml.so.1 variants from nvml_standin.c with gcc into target/nvml-standin/, one
 * folder each: JNA keeps a library per path for the JVM's life, so each variant has its own, built once per JVM
 * (rebuilding a library while it is mapped could crash the JVM).
 */
final class NvmlStandIns {
    /** The variants the tests use (see the C file's header for the defines). */
    enum Variant {
        /** Energy counter at {@link #ENERGY_WATTS}; two GPUs. */
        COUNTER,
        /** No energy counter (pre-Volta): power {@link #POWER_WATTS}. */
        NO_COUNTER("-DENERGY_NOT_SUPPORTED"),
        /** nvmlInit_v2 returns NVML_ERROR_DRIVER_NOT_LOADED. */
        DRIVER_NOT_LOADED("-DINIT_RESULT=9"),
        /** NVML starts and lists no GPU. */
        NO_GPU("-DGPU_COUNT=0");

        final String[] defines;

        Variant(String... defines) {
            this.defines = defines;
        }
    }

    /** The stand-in's defaults (ENERGY_WATTS, POWER_MW / 1000). */
    static final double ENERGY_WATTS = 250;
    static final double POWER_WATTS = 187.5;

    private static final Map<Variant, Path> BUILT = new ConcurrentHashMap<>();

    private NvmlStandIns() {}

    /** The variant's library, built on first use; skips the test when gcc is missing. */
    static synchronized Path library(Variant v) throws Exception {
        Path built = BUILT.get(v);
        if (built == null) {
            built = build(v);
            BUILT.put(v, built);
        }
        return built;
    }

    private static Path build(Variant v) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "nvml-standin").toAbsolutePath());
        Path src = dir.resolve("nvml_standin.c");
        try (InputStream in = NvmlStandIns.class.getResourceAsStream("/nvml-standin/nvml_standin.c")) {
            Files.copy(in, src, StandardCopyOption.REPLACE_EXISTING);
        }
        Path variantDir = Files.createDirectories(dir.resolve(v.name().toLowerCase(Locale.ROOT)));
        Path out = variantDir.resolve("libnvidia-ml.so.1");
        List<String> cmd = new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-O2", "-o", out.toString(), src.toString()));
        cmd.addAll(List.of(v.defines));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "gcc is needed to build the stand-in libnvidia-ml.so.1: " + e.getMessage());
            throw e;
        }
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertWithMessage("gcc failed: %s", log).that(p.waitFor()).isEqualTo(0);
        return out;
    }

    /** How often the stand-in loaded in this JVM had "init" or "shutdown" called. */
    static long counter(Path lib, String name) {
        return NativeLibrary.getInstance(lib.toString()).getFunction("standin_counter").invokeLong(new Object[] {name});
    }
}
