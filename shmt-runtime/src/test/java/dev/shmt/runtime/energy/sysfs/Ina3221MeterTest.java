package dev.shmt.runtime.energy.sysfs;

import static com.google.common.truth.Truth.assertThat;
import static dev.shmt.runtime.energy.sysfs.SysfsTree.write;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shmt.runtime.spi.EnergyChannel;
import dev.shmt.runtime.spi.EnergyChannel.Method;
import dev.shmt.runtime.spi.EnergyChannel.Scope;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Jetson's INA3221 rails from stand-in sysfs trees, in JetPack 4's layout and in JetPack 5 and 6's. */
class Ina3221MeterTest {
    private static final String NOTE = "the module's input; the carrier board and a USB Edge TPU are on no rail";

    @TempDir
    Path root;

    private static Map<String, EnergyChannel> byName(Ina3221Meter m) {
        return m.channels().stream().collect(Collectors.toMap(EnergyChannel::name, Function.identity()));
    }

    private static List<String> names(Ina3221Meter m) {
        return m.channels().stream().map(EnergyChannel::name).toList();
    }

    /** JetPack 4 (a Nano): the IIO driver, milliwatts; a second chip whose only input is unconnected. */
    private void jetPack4() throws IOException {
        String iio = "bus/i2c/drivers/ina3221x/6-0040/iio:device2/";
        write(root, iio + "rail_name_0", "POM_5V_IN");
        write(root, iio + "in_power0_input", 4812);
        write(root, iio + "rail_name_1", "POM_5V_GPU");
        write(root, iio + "in_power1_input", 1234);
        write(root, iio + "rail_name_2", "POM_5V_CPU");
        write(root, iio + "in_power2_input", 987);
        write(root, "bus/i2c/drivers/ina3221x/6-0041/iio:device3/rail_name_0", "NC");
        write(root, "bus/i2c/drivers/ina3221x/6-0041/iio:device3/in_power0_input", 0);
        write(root, "bus/i2c/drivers/ina3221x/uevent", "DRIVER=ina3221x");
    }

    /** JetPack 5 or 6 (an Orin Nano): the hwmon driver, millivolts and milliamps, at whatever hwmon number. */
    private void jetPack5() throws IOException {
        String hw = "bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon3/";
        rail(hw, 1, "VDD_IN", 5080, 1000);
        rail(hw, 2, "VDD_CPU_GPU_CV", 5072, 250);
        rail(hw, 3, "VDD_SOC", 5076, 300);
        // Shunt voltages and their sum have inputs but no label: not rails.
        write(root, hw + "in4_input", 40);
        write(root, hw + "in7_input", 120);
        rail("bus/i2c/drivers/ina3221/1-0041/hwmon/hwmon5/", 1, "NC", 0, 0);
        write(root, "bus/i2c/drivers/ina3221/bind", "");
    }

    private void rail(String hwmon, int n, String label, long millivolts, long milliamps) throws IOException {
        write(root, hwmon + "in" + n + "_label", label);
        write(root, hwmon + "in" + n + "_input", millivolts);
        write(root, hwmon + "curr" + n + "_input", milliamps);
    }

    @Test
    void jetPack4RailsAreMilliwattsWithTheInputAsTheSystem() throws IOException {
        jetPack4();
        Ina3221Meter m = new Ina3221Meter(root);
        assertThat(m.unavailable()).isNull();
        assertThat(m.name()).isEqualTo("ina3221");
        assertThat(m.detail()).isEqualTo(root.resolve("bus/i2c/drivers") + ", 3 rails");
        assertThat(names(m)).containsExactly("POM_5V_IN", "POM_5V_GPU", "POM_5V_CPU").inOrder();
        Map<String, EnergyChannel> c = byName(m);
        assertThat(c.get("POM_5V_IN").watts()).isEqualTo(4.812);
        assertThat(c.get("POM_5V_GPU").watts()).isEqualTo(1.234);
        assertThat(c.get("POM_5V_CPU").watts()).isEqualTo(0.987);
        assertThat(c.get("POM_5V_IN").scope()).isEqualTo(Scope.SYSTEM);
        assertThat(c.get("POM_5V_IN").note()).isEqualTo(NOTE);
        assertThat(c.get("POM_5V_IN").device()).isNull();
        assertThat(c.get("POM_5V_GPU").scope()).isEqualTo(Scope.WITHIN);
        assertThat(c.get("POM_5V_GPU").device()).isEqualTo("gpu");
        assertThat(c.get("POM_5V_CPU").scope()).isEqualTo(Scope.WITHIN);
        assertThat(c.get("POM_5V_CPU").device()).isEqualTo("cpu");
        assertThat(c.get("POM_5V_CPU").note()).isEmpty();
        for (EnergyChannel ch : m.channels()) {
            assertThat(ch.method()).isEqualTo(Method.SAMPLED);
        }
    }

    @Test
    void jetPack5RailsAreMillivoltsTimesMilliampsFoundAtAnyHwmonNumber() throws IOException {
        jetPack5();
        Ina3221Meter m = new Ina3221Meter(root);
        assertThat(m.unavailable()).isNull();
        assertThat(names(m)).containsExactly("VDD_IN", "VDD_CPU_GPU_CV", "VDD_SOC").inOrder();
        Map<String, EnergyChannel> c = byName(m);
        assertThat(c.get("VDD_IN").watts()).isEqualTo(5.08);
        assertThat(c.get("VDD_CPU_GPU_CV").watts()).isEqualTo(1.268);
        assertThat(c.get("VDD_SOC").watts()).isEqualTo(1.5228);
        assertThat(c.get("VDD_IN").scope()).isEqualTo(Scope.SYSTEM);
        assertThat(c.get("VDD_IN").note()).isEqualTo(NOTE);
        assertThat(c.get("VDD_CPU_GPU_CV").scope()).isEqualTo(Scope.WITHIN);
        assertThat(c.get("VDD_SOC").scope()).isEqualTo(Scope.WITHIN);
        for (EnergyChannel ch : m.channels()) {
            assertThat(ch.device()).isNull();
        }
    }

    @Test
    void everySampleReadsTheFilesAgain() throws IOException {
        jetPack5();
        EnergyChannel in = byName(new Ina3221Meter(root)).get("VDD_IN");
        assertThat(in.watts()).isEqualTo(5.08);
        write(root, "bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon3/curr1_input", 2000);
        assertThat(in.watts()).isEqualTo(10.16);
    }

    @Test
    void railsOfEveryChipAreTakenAndASharedNameGetsItsChip() throws IOException {
        jetPack5();
        rail("bus/i2c/drivers/ina3221/1-0041/hwmon/hwmon5/", 2, "VDD_GPU_SOC", 5000, 100);
        rail("bus/i2c/drivers/ina3221/1-0041/hwmon/hwmon5/", 3, "VDD_SOC", 5000, 200);
        Ina3221Meter m = new Ina3221Meter(root);
        assertThat(names(m)).containsExactly("VDD_IN", "VDD_CPU_GPU_CV", "VDD_SOC", "VDD_GPU_SOC", "VDD_SOC@1-0041")
                .inOrder();
        assertThat(byName(m).get("VDD_SOC@1-0041").watts()).isEqualTo(1.0);
    }

    @Test
    void anUnreadableRailNamesItsFile() throws IOException {
        jetPack5();
        Path curr = root.resolve("bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon3/curr2_input");
        assumeTrue(SysfsTree.makeUnreadable(curr), SysfsTree.ROOT_READS_ALL);
        Ina3221Meter m = new Ina3221Meter(root);
        assertThat(m.channels()).isEmpty();
        assertThat(m.unavailable()).startsWith("cannot read " + curr + ": permission denied");
        assertThat(m.unavailable()).contains("sudo chmod o+r " + curr);
    }

    @Test
    void aMachineWithoutTheDriverIsNotAJetson() {
        Ina3221Meter m = new Ina3221Meter(root);
        assertThat(m.unavailable()).isEqualTo("no INA3221 power monitor under " + root.resolve("bus/i2c/drivers")
                + " (ina3221x or ina3221): not a Jetson, or its driver is not loaded");
        assertThat(m.channels()).isEmpty();
    }

    @Test
    void aDriverWithOnlyUnconnectedInputsHasNoRail() throws IOException {
        rail("bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon1/", 1, "NC", 0, 0);
        Ina3221Meter m = new Ina3221Meter(root);
        assertThat(m.unavailable()).startsWith("the INA3221 driver under " + root.resolve("bus/i2c/drivers")
                + " shows no connected rail");
        assertThat(m.channels()).isEmpty();
    }
}
