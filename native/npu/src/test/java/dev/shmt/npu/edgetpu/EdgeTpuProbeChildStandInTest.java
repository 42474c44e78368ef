package dev.shmt.npu.edgetpu;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.shmt.npu.EdgeTpuStandIns.Variant;
import dev.shmt.npu.EdgeTpuStandIns;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe's child process on its own, with stand-in libedgetpu.so.1 builds. */
class EdgeTpuProbeChildStandInTest {
    @TempDir
    Path dir;

    @Test
    void aChildStuckInLibedgetpuExitsWhenItsParentGoesAway() throws Exception {
        Path lib = EdgeTpuStandIns.build(dir, Variant.HANG_INVOKE);
        Process p = new ProcessBuilder(ProbeProcess.command(dir, lib.toString(), new EdgeTpuDevice(1, "/x", "usb:0")))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals(EdgeTpuProbeChild.PREFIX + "step " + EdgeTpuProbeChild.INVOKE));
            assertWithMessage("the child reached the invoke").that(line).isNotNull();
            Thread.sleep(200); // inside the stand-in's endless invoke by now
            assertThat(p.isAlive()).isTrue();
            p.getOutputStream().close(); // what the parent's death does to the pipe
            assertWithMessage("exited after its stdin closed").that(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(4);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void theWorkingStandInMatchesTheCpu() throws Exception {
        Path lib = EdgeTpuStandIns.build(dir, Variant.WORKING);
        ProbeProcess.Outcome o = ProbeProcess.run(lib.toString(), new EdgeTpuDevice(1, "/x", "usb:0"),
                ProbeSettings.DEFAULT_TIMEOUT);
        assertThat(o.passed()).isTrue();
        assertThat(o.what()).isEqualTo("its 256 output bytes matched TensorFlow Lite's CPU kernels");
        assertThat(o.libraryVersion()).isEqualTo("stand-in 1.0");
        assertThat(o.startupMillis()).isGreaterThan(0L);
    }
}
