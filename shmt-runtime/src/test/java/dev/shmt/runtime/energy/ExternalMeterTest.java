package dev.shmt.runtime.energy;

import static com.google.common.truth.Truth.assertThat;

import dev.shmt.api.Energy;
import dev.shmt.api.EnergyMeters;
import dev.shmt.api.EnergySettings;
import dev.shmt.runtime.spi.EnergyChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's own meter: a file of watts, or a command printing watts, read on the sampling thread. */
class ExternalMeterTest {
    @Test
    void aFileOfWattsIsSampledAndIntegrated(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("watts");
        Files.writeString(file, "5.25\n");
        ExternalMeter meter = new ExternalMeter(file.toString());
        assertThat(meter.unavailable()).isNull();
        assertThat(meter.channels().get(0).scope()).isEqualTo(EnergyChannel.Scope.WALL);
        try (EnergyMonitor m = new EnergyMonitor(EnergySettings.ON, List.of(meter), "test-external-sampler")) {
            EnergyMeters.Window w = m.start();
            Thread.sleep(100);
            Energy e = w.stop();
            assertThat(e.reading("external:meter").joules()).isWithin(1e-9).of(5.25 * e.windowNanos() / 1e9);
            assertThat(e.totalFrom()).isEqualTo("external:meter");
        }
    }

    @Test
    void aCommandPrintingWattsPerLineIsFollowed() throws Exception {
        ExternalMeter meter = new ExternalMeter("cmd:while true; do echo 12.5; sleep 0.01; done");
        assertThat(meter.unavailable()).isNull();
        try (EnergyMonitor m = new EnergyMonitor(EnergySettings.ON, List.of(meter), "test-external-sampler")) {
            Thread.sleep(300); // the command's first line
            EnergyMeters.Window w = m.start();
            Thread.sleep(150);
            Energy e = w.stop();
            assertThat(e.unavailable()).isNull();
            assertThat(e.totalJoules()).isWithin(1e-6).of(12.5 * e.windowNanos() / 1e9);
        }
    }

    @Test
    void aFileThatHoldsNoNumberIsRefusedNamingTheSetting(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("watts");
        Files.writeString(file, "about five\n");
        ExternalMeter meter = new ExternalMeter(file.toString());
        assertThat(meter.unavailable()).contains("SHMT_POWER_METER");
        assertThat(meter.unavailable()).contains("not a number of watts");
        assertThat(meter.channels()).isEmpty();
    }

    @Test
    void noMeterNamedSaysHowToNameOne() {
        assertThat(new ExternalMeter((String) null).unavailable()).contains("SHMT_POWER_METER=<file holding watts>");
    }
}
