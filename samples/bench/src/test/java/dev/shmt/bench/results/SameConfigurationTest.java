package dev.shmt.bench.results;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SameConfigurationTest {
    @Test
    void rowsThatRanOnOneDeviceAloneAreGroupedAndTheirMediansCompared() {
        List<SameConfiguration> same = SameConfiguration.of(List.of(
                new SameConfiguration.Row("single:cpu", Map.of("cpu", 16, "npu", 0), 14.0),
                new SameConfiguration.Row("single:npu", Map.of("cpu", 0, "npu", 16), 50.0),
                new SameConfiguration.Row("ws", Map.of("cpu", 16, "npu", 0), 16.1),
                new SameConfiguration.Row("qaws-ts", Map.of("cpu", 13, "npu", 3), 13.6)));
        assertThat(same).hasSize(1);
        assertThat(same.get(0).device()).isEqualTo("cpu");
        assertThat(same.get(0).policies()).containsExactly("single:cpu", "ws").inOrder();
        assertThat(same.get(0).spread()).isWithin(1e-9).of(16.1 / 14.0);
    }

    @Test
    void noGroupWhenEveryConfigurationDiffers() {
        assertThat(SameConfiguration.of(List.of(
                new SameConfiguration.Row("single:cpu", Map.of("cpu", 16, "npu", 0), 14.0),
                new SameConfiguration.Row("ws", Map.of("cpu", 12, "npu", 4), 12.0)))).isEmpty();
    }
}
