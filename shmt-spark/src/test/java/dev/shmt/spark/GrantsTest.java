package dev.shmt.spark;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.runtime.spi.DeviceGrants;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GrantsTest {
    @Test
    void aResourceTheApplicationDoesNotScheduleRestrictsNothing() {
        DeviceGrants g = Grants.from(key -> false, Map.of());
        assertThat(g.refusal("gpu")).isNull();
        assertThat(g.refusal("gpu1")).isNull();
        assertThat(g.refusal("npu")).isNull();
    }

    @Test
    void scheduledGpusOpenOnlyTheAddressesTheTaskWasGiven() {
        Set<String> conf = Set.of("spark.executor.resource.gpu.amount");
        DeviceGrants g = Grants.from(conf::contains, Map.of("gpu", new String[] {"1"}));
        assertThat(g.refusal("gpu1")).isNull();
        assertThat(g.refusal("gpu")).isEqualTo("not granted to this process by Spark resource 'gpu' (granted: [gpu1])");
        assertThat(g.refusal("npu")).isNull(); // not scheduled
        assertThat(g.refusal("cpu")).isNull();
    }

    @Test
    void aScheduledNpuThatWasNotGrantedStaysClosed() {
        Set<String> conf = Set.of("spark.executor.resource.npu.amount");
        assertThat(Grants.from(conf::contains, Map.of()).refusal("npu"))
                .isEqualTo("not granted to this process by Spark resource 'npu' (granted: none)");
        assertThat(Grants.from(conf::contains, Map.of("npu", new String[] {"0"})).refusal("npu")).isNull();
    }

    @Test
    void aGpuAddressThatIsNotAnOrdinalIsRefusedWithTheScriptToBlame() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Grants.gpuName("GPU-3f2a"));
        assertThat(e).hasMessageThat().contains("address 'GPU-3f2a' is not a CUDA device number");
    }
}
