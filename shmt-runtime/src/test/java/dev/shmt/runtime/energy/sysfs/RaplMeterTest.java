package dev.shmt.runtime.energy.sysfs;

import static com.google.common.truth.Truth.assertThat;
import static dev.shmt.runtime.energy.sysfs.SysfsTree.write;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shmt.runtime.spi.EnergyChannel;
import dev.shmt.runtime.spi.EnergyChannel.Method;
import dev.shmt.runtime.spi.EnergyChannel.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RAPL zones from a stand-in powercap tree laid out as {@code /sys/class/powercap} is. */
class RaplMeterTest {
    private static final long WRAP_UJ = 262_143_328_850L;

    @TempDir
    Path root;

    private void zone(String dir, String name, long microjoules) throws IOException {
        write(root, dir + "/name", name);
        write(root, dir + "/energy_uj", microjoules);
        write(root, dir + "/max_energy_range_uj", WRAP_UJ);
    }

    /** A laptop's tree: package-0 with core, uncore and dram subzones, and psys. */
    private void laptop() throws IOException {
        zone("intel-rapl:0", "package-0", 123_456_789);
        zone("intel-rapl:0:0", "core", 100_000_001);
        zone("intel-rapl:0:1", "uncore", 2_500_000);
        zone("intel-rapl:0:2", "dram", 9_000_000);
        zone("intel-rapl:1", "psys", 555_000_000);
        // The control type's own directory, and MMIO's second view of package-0: neither is a zone to read.
        write(root, "intel-rapl/enabled", 1);
        zone("intel-rapl-mmio:0", "package-0", 1);
    }

    private static Map<String, EnergyChannel> byName(RaplMeter m) {
        return m.channels().stream().collect(Collectors.toMap(EnergyChannel::name, Function.identity()));
    }

    @Test
    void zonesAreNamedScopedAndAttachedToTheCpu() throws IOException {
        laptop();
        RaplMeter m = new RaplMeter(root);
        assertThat(m.unavailable()).isNull();
        assertThat(m.name()).isEqualTo("rapl");
        assertThat(m.detail()).isEqualTo(root + ", 5 zones");
        assertThat(m.channels().stream().map(EnergyChannel::name).toList()).containsExactly("package-0",
                "package-0/core", "package-0/uncore", "package-0/dram", "psys").inOrder();
        Map<String, EnergyChannel> c = byName(m);
        assertThat(c.get("package-0").scope()).isEqualTo(Scope.COMPONENT);
        assertThat(c.get("package-0/dram").scope()).isEqualTo(Scope.COMPONENT);
        assertThat(c.get("package-0/core").scope()).isEqualTo(Scope.WITHIN);
        assertThat(c.get("package-0/uncore").scope()).isEqualTo(Scope.WITHIN);
        assertThat(c.get("psys").scope()).isEqualTo(Scope.SYSTEM);
        assertThat(c.get("package-0").device()).isEqualTo("cpu");
        assertThat(c.get("package-0/core").device()).isEqualTo("cpu");
        assertThat(c.get("package-0/uncore").device()).isNull();
        assertThat(c.get("package-0/dram").device()).isNull();
        assertThat(c.get("psys").device()).isNull();
        assertThat(c.get("package-0").note()).isEqualTo(
                "the whole CPU package: every core, the npu's TFLite kernels too when they run on the CPU");
        for (EnergyChannel ch : m.channels()) {
            assertThat(ch.method()).isEqualTo(Method.COUNTER);
            assertThat(ch.resolutionJoules()).isEqualTo(1e-6);
        }
    }

    @Test
    void joulesAreTheMicrojouleCounterReadBackExactly() throws IOException {
        laptop();
        Map<String, EnergyChannel> c = byName(new RaplMeter(root));
        assertThat(c.get("package-0").joules()).isEqualTo(123.456789);
        assertThat(c.get("package-0/core").joules()).isEqualTo(100.000001);
        assertThat(c.get("package-0/uncore").joules()).isEqualTo(2.5);
        assertThat(c.get("package-0/dram").joules()).isEqualTo(9.0);
        assertThat(c.get("psys").joules()).isEqualTo(555.0);
    }

    @Test
    void everyReadSeesTheCounterAsItIsNow() throws IOException {
        laptop();
        EnergyChannel pkg = byName(new RaplMeter(root)).get("package-0");
        assertThat(pkg.joules()).isEqualTo(123.456789);
        write(root, "intel-rapl:0/energy_uj", 130_000_000);
        assertThat(pkg.joules()).isEqualTo(130.0);
    }

    @Test
    void theWrapIsTheZonesMaxEnergyRange() throws IOException {
        laptop();
        write(root, "intel-rapl:1/max_energy_range_uj", 65_532_610_987L);
        Map<String, EnergyChannel> c = byName(new RaplMeter(root));
        assertThat(c.get("package-0").wrapJoules()).isEqualTo(262_143.32885);
        assertThat(c.get("psys").wrapJoules()).isEqualTo(65_532.610987);
        Files.delete(root.resolve("intel-rapl:0:1/max_energy_range_uj"));
        assertThat(byName(new RaplMeter(root)).get("package-0/uncore").wrapJoules()).isPositiveInfinity();
    }

    @Test
    void dramZonesAtTheTopAreNamedAfterThemselvesOrNumberedWhenSeveral() throws IOException {
        zone("intel-rapl:0", "package-0", 1);
        zone("intel-rapl:1", "dram", 2);
        assertThat(new RaplMeter(root).channels().stream().map(EnergyChannel::name).toList())
                .containsExactly("package-0", "dram").inOrder();
        zone("intel-rapl:2", "package-1", 3);
        zone("intel-rapl:3", "dram", 4);
        zone("intel-rapl:2:0", "core", 5);
        RaplMeter m = new RaplMeter(root);
        assertThat(m.channels().stream().map(EnergyChannel::name).toList())
                .containsExactly("package-0", "dram-0", "package-1", "package-1/core", "dram-1").inOrder();
        assertThat(byName(m).get("dram-1").scope()).isEqualTo(Scope.COMPONENT);
        assertThat(byName(m).get("dram-1").joules()).isEqualTo(4e-6);
    }

    @Test
    void subzonesNestedInTheirPackageAreFoundToo() throws IOException {
        zone("intel-rapl:0", "package-0", 1);
        zone("intel-rapl:0/intel-rapl:0:0", "core", 2);
        assertThat(new RaplMeter(root).channels().stream().map(EnergyChannel::name).toList())
                .containsExactly("package-0", "package-0/core").inOrder();
    }

    @Test
    void aCounterOnlyRootMayReadNamesTheCveAndTheFix() throws IOException {
        laptop();
        assumeTrue(SysfsTree.makeUnreadable(root.resolve("intel-rapl:0/energy_uj")), SysfsTree.ROOT_READS_ALL);
        RaplMeter m = new RaplMeter(root);
        assertThat(m.channels()).isEmpty();
        assertThat(m.unavailable()).contains(root.resolve("intel-rapl:0/energy_uj") + " is readable by root only");
        assertThat(m.unavailable()).contains("CVE-2020-8694");
        assertThat(m.unavailable()).contains("sudo chmod o+r " + root + "/intel-rapl:*/energy_uj");
        assertThat(m.unavailable()).contains("udev rule");
    }

    @Test
    void noPowercapTreeMeansNoRapl() {
        Path none = root.resolve("absent");
        RaplMeter m = new RaplMeter(none);
        assertThat(m.unavailable()).isEqualTo("no powercap tree at " + none
                + ": no RAPL on this machine (a VM, or not an Intel/AMD CPU with the intel_rapl driver)");
        assertThat(m.channels()).isEmpty();
        assertThat(m.detail()).isEqualTo(none + ", 0 zones");
    }

    @Test
    void aTreeWithoutRaplZonesSaysSo() throws IOException {
        write(root, "intel-rapl/enabled", 1);
        RaplMeter m = new RaplMeter(root);
        assertThat(m.unavailable()).startsWith("no RAPL zones (intel-rapl:N) in " + root);
        assertThat(m.channels()).isEmpty();
    }
}
