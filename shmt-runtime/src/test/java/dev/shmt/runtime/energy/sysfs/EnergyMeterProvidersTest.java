package dev.shmt.runtime.energy.sysfs;

import static com.google.common.truth.Truth.assertThat;
import static dev.shmt.runtime.energy.sysfs.SysfsTree.write;

import dev.shmt.runtime.spi.EnergyMeter;
import dev.shmt.runtime.spi.EnergyMeterProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sysfs meters are found as every meter is, and read the trees their settings name. */
class EnergyMeterProvidersTest {
    @TempDir
    Path root;

    @AfterEach
    void clear() {
        System.clearProperty(RaplMeter.ROOT.property());
        System.clearProperty(Ina3221Meter.ROOT.property());
    }

    @Test
    void bothProvidersAreFoundByTheServiceLoader() {
        List<Class<?>> found = ServiceLoader.load(EnergyMeterProvider.class).stream()
                .<Class<?>>map(ServiceLoader.Provider::type).toList();
        assertThat(found).containsAtLeast(RaplMeterProvider.class, Ina3221MeterProvider.class);
    }

    @Test
    void theSettingsNameTheTreesRead() throws IOException {
        // A mixed-case path: the setting keeps its case.
        Path powercap = root.resolve("PowerCap");
        write(powercap, "intel-rapl:0/name", "package-0");
        write(powercap, "intel-rapl:0/energy_uj", 42);
        write(root, "Sys/bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon7/in1_label", "VDD_IN");
        write(root, "Sys/bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon7/in1_input", 5000);
        write(root, "Sys/bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon7/curr1_input", 1000);
        System.setProperty("shmt.energy.powercap", " " + powercap + " ");
        System.setProperty("shmt.energy.sysfs", root.resolve("Sys").toString());

        List<EnergyMeter> rapl = new RaplMeterProvider().meters(List.of());
        assertThat(rapl).hasSize(1);
        assertThat(rapl.get(0).unavailable()).isNull();
        assertThat(rapl.get(0).detail()).isEqualTo(powercap + ", 1 zone");

        List<EnergyMeter> ina = new Ina3221MeterProvider().meters(List.of());
        assertThat(ina).hasSize(1);
        assertThat(ina.get(0).unavailable()).isNull();
        assertThat(ina.get(0).detail()).isEqualTo(root.resolve("Sys/bus/i2c/drivers") + ", 1 rail");
    }
}
