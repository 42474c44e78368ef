package dev.shmt.runtime;

import static com.google.common.truth.Truth.assertThat;

import dev.shmt.api.DeviceInfo;
import dev.shmt.api.Shmt;
import dev.shmt.runtime.spi.DeviceGrants;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A resource manager's grants: devices not granted are listed with the cause and take no work. */
class DeviceGrantsTest {
    @Test
    void aFamilyRestrictedToSomeNamesRefusesTheOthersByName() {
        DeviceGrants g = DeviceGrants.ALL.restrict("gpu", Set.of("gpu1"), "the test's scheduler");
        assertThat(g.refusal("gpu1")).isNull();
        assertThat(g.refusal("gpu")).isEqualTo("not granted to this process by the test's scheduler (granted: [gpu1])");
        assertThat(g.refusal("gpu12")).isNotNull();
        assertThat(g.refusal("npu")).isNull();
    }

    @Test
    void aDiscoveredDeviceThatWasNotGrantedIsListedUnavailableWithTheCause() {
        DeviceGrants none = DeviceGrants.ALL.restrict("cpu", Set.of(), "the test's scheduler");
        try (Shmt rt = ShmtRuntime.builder().grants(none).build()) {
            DeviceInfo cpu = rt.devices().stream().filter(d -> d.name().equals("cpu")).findFirst().orElseThrow();
            assertThat(cpu.available()).isFalse();
            assertThat(cpu.cause()).isEqualTo("not granted to this process by the test's scheduler (granted: none)");
        }
    }
}
