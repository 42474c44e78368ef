package dev.shmt.runtime.emulate;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.shmt.api.FloatArray;
import dev.shmt.api.Report;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.testing.CopyVop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Emulated devices in the real runtime: an HLOP takes its modelled time, and a dilated run takes that
 * time times the dilation, with the real result computed all the same.
 */
class EmulatedDeviceTest {
    /** 1024 cells per HLOP at 2 us per cell plus 1 ms: 3.048 ms modelled per HLOP. */
    private static final double MODELLED_NANOS = 1_000_000 + 1024 * 2_000;
    /**
     * How much later than modelled an HLOP may end, at the median: the wait parks until 50 us before its
     * deadline and spins the rest, so on an idle machine it ends within microseconds; on a CI machine
     * that runs other work, scheduling delays reach a few hundred microseconds, rarely more.
     */
    private static final double LATE_NANOS = 1_000_000;

    private static Path profile(Path dir) throws Exception {
        Path f = dir.resolve("p.json");
        Files.writeString(f, """
                {"profile": "test", "devices": [
                  {"name": "slowcpu", "kind": "CPU", "precision": "FP32", "workers": 1, "hlop_us": 1000,
                   "vops": {"copy": {"ns_per_cell": 2000}}}]}
                """);
        return f;
    }

    private static double[] runNanos(Path profile, double dilation, FloatArray a, FloatArray out) {
        try (ShmtRuntime rt = ShmtRuntime.builder().emulate(profile.toString(), dilation).build()) {
            Report r = rt.execute(CopyVop.of(a, out));
            assertThat(r.hlopsOn("slowcpu")).isEqualTo(8);
            assertThat(r.devices().get(0).detail()).contains("emulated (test, dilation");
            return r.hlops().stream().mapToDouble(Report.HlopRecord::runNanos).sorted().toArray();
        }
    }

    @Test
    void anEmulatedHlopTakesItsModelledTimeAndComputesTheRealResult(@TempDir Path dir) throws Exception {
        FloatArray a = FloatArray.create(8 * 1024);
        for (int i = 0; i < a.length(); i++) {
            a.set(i, i * 0.5f);
        }
        FloatArray out = FloatArray.create(a.length());
        double[] run = runNanos(profile(dir), 1, a, out);
        for (int i = 0; i < a.length(); i++) {
            assertWithMessage("out[%s]", i).that(out.get(i)).isEqualTo(a.get(i));
        }
        assertWithMessage("never shorter than modelled: %s", Arrays.toString(run)).that(run[0])
                .isAtLeast(MODELLED_NANOS);
        assertWithMessage("median within %s ns of modelled", LATE_NANOS).that(run[run.length / 2])
                .isAtMost(MODELLED_NANOS + LATE_NANOS);
    }

    @Test
    void dilationStretchesEveryHlopByItsFactor_andDividesOut(@TempDir Path dir) throws Exception {
        FloatArray a = FloatArray.create(8 * 1024);
        double[] run = runNanos(profile(dir), 3, a, FloatArray.create(a.length()));
        assertThat(run[0]).isAtLeast(3 * MODELLED_NANOS);
        assertWithMessage("median divided by the dilation").that(run[run.length / 2] / 3)
                .isAtMost(MODELLED_NANOS + LATE_NANOS / 3);
    }

    @Test
    void aDilationBelowOneIsRefused() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ShmtRuntime.builder().emulate("jetson-nano-edgetpu", 0.5));
        assertThat(e).hasMessageThat().contains("dilation must be a finite number >= 1, got 0.5");
    }
}
