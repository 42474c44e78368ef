package dev.shmt.runtime.energy.sysfs;

import static com.google.common.truth.Truth.assertThat;
import static dev.shmt.runtime.energy.sysfs.SysfsTree.write;

import dev.shmt.api.Energy;
import dev.shmt.api.EnergyMeters;
import dev.shmt.api.EnergySettings;
import dev.shmt.api.FloatArray;
import dev.shmt.api.Report;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.testing.CopyVop;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real meters, found by the runtime through its settings, on stand-in sysfs trees: a powercap tree whose
 * package counter wraps during a window, and a JetPack 5 INA3221 tree at a known power.
 */
class SysfsMetersInRuntimeStandInTest {
    private static final long WRAP_UJ = 262_143_328_850L;

    @AfterEach
    void clear() {
        System.clearProperty("shmt.energy.powercap");
        System.clearProperty("shmt.energy.sysfs");
    }

    @Test
    void aRuntimeReadsRaplAndIna3221ThroughItsSettings_wrapCounted_powerIntegrated(@TempDir Path dir) throws Exception {
        Path powercap = dir.resolve("powercap");
        write(powercap, "intel-rapl:0/name", "package-0");
        write(powercap, "intel-rapl:0/energy_uj", WRAP_UJ - 1_000_000);
        write(powercap, "intel-rapl:0/max_energy_range_uj", WRAP_UJ);
        Path sys = dir.resolve("sys");
        String hw = "bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon2/";
        write(sys, hw + "in1_label", "VDD_IN");
        write(sys, hw + "in1_input", 5000); // 5 V x 1.2 A: 6 W
        write(sys, hw + "curr1_input", 1200);
        write(sys, hw + "in2_label", "NC");
        System.setProperty("shmt.energy.powercap", powercap.toString());
        System.setProperty("shmt.energy.sysfs", sys.toString());
        try (ShmtRuntime rt = ShmtRuntime.builder().devices("cpu").energy(EnergySettings.ON).build()) {
            EnergyMeters.Window w = rt.energy().start();
            write(powercap, "intel-rapl:0/energy_uj", 2_500_000); // wrapped: 1 J before the wrap, 2.5 J after
            Thread.sleep(100);
            Energy e = w.stop();
            assertThat(e.reading("rapl:package-0").joules()).isWithin(1e-9).of(3.5);
            assertThat(e.reading("rapl:package-0").device()).isEqualTo("cpu");
            assertThat(e.reading("ina3221:VDD_IN").joules()).isWithin(1e-9).of(6.0 * e.windowNanos() / 1e9);
            assertThat(e.reading("ina3221:VDD_IN").method()).startsWith("sampled every 10 ms");
            // The module's input rail is the system: the CPU package inside it is not added again.
            assertThat(e.totalFrom()).isEqualTo("ina3221:VDD_IN");

            Report r = rt.execute(CopyVop.of(FloatArray.create(4096), FloatArray.create(4096)));
            assertThat(r.energy().reading("ina3221:VDD_IN").joules()).isWithin(1e-9)
                    .of(6.0 * r.energy().windowNanos() / 1e9);
            assertThat(r.toTable()).contains("ina3221:VDD_IN");
        }
    }
}
