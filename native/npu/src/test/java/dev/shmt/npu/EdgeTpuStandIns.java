package dev.shmt.npu;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Builds stand-in libedgetpu.so.1 variants from edgetpu_standin.c with gcc, and reads their counters. */
public final class EdgeTpuStandIns {
    /** The variants the C file knows (see its header comment). */
    public enum Variant {
        WORKING,
        NO_DEVICE("-DSTANDIN_NO_DEVICE"),
        CRASH_CREATE("-DSTANDIN_CRASH_CREATE"),
        CRASH_INVOKE("-DSTANDIN_CRASH_INVOKE"),
        HANG_INVOKE("-DSTANDIN_HANG_INVOKE"),
        WRONG_BYTES("-DSTANDIN_WRONG_BYTES"),
        REFUSE("-DSTANDIN_REFUSE");

        final String[] defines;

        Variant(String... defines) {
            this.defines = defines;
        }
    }

    private EdgeTpuStandIns() {}

    /** {@code dir/<variant>/libedgetpu.so.1}; skips the test when gcc is missing. */
    public static Path build(Path dir, Variant v) throws Exception {
        return build(dir, v.name().toLowerCase(java.util.Locale.ROOT), v.defines);
    }

    public static Path build(Path dir, String name, String... defines) throws Exception {
        Path src = dir.resolve("edgetpu_standin.c");
        try (InputStream in = EdgeTpuStandIns.class.getResourceAsStream("/edgetpu-standin/edgetpu_standin.c")) {
            Files.copy(in, src, StandardCopyOption.REPLACE_EXISTING);
        }
        Path out = Files.createDirectories(dir.resolve(name)).resolve("libedgetpu.so.1");
        List<String> cmd = new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-O2", "-o", out.toString(), src.toString()));
        cmd.addAll(List.of(defines));
        cmd.add("-ldl");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "gcc is needed to build the stand-in libedgetpu.so.1: " + e.getMessage());
            throw e;
        }
        String log = new String(p.getInputStream().readAllBytes());
        assertWithMessage("gcc failed: %s", log).that(p.waitFor()).isEqualTo(0);
        return out;
    }

    /** A counter of the stand-in as loaded in this JVM: "created", "prepared", "invocations", ... */
    public static long counter(Path lib, String name) {
        Function f = NativeLibrary.getInstance(lib.toString()).getFunction("standin_counter");
        return f.invokeLong(new Object[] {name});
    }
}
