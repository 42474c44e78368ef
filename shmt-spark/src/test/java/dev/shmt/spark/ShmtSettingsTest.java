package dev.shmt.spark;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.CriticalityMetric;
import dev.shmt.api.QawsSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** Settings are checked on the driver and reach the executors equal, so their tasks share one runtime. */
class ShmtSettingsTest {
    @Test
    void settingsSurviveJavaSerializationEqual() throws Exception {
        ShmtSettings s = ShmtSettings.defaults().withDevices("cpu", "npu").withPolicy("qaws-ts").withCpuSets("none")
                .withQaws(QawsSettings.DEFAULTS.withCriticalFraction(0.4).withCriticality(CriticalityMetric.RANGE))
                .withTileHint(128, 64).withBatchCells(1000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        Object back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = in.readObject();
        }
        assertThat(back).isEqualTo(s);
        assertThat(((ShmtSettings) back).runtimeKey()).isEqualTo(s.withBatchCells(7).runtimeKey());
        assertThat(s.toString()).contains("policy qaws-ts");
    }

    @Test
    void badSettingsAreRefusedWhereTheUserWroteThem() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> ShmtSettings.defaults().withPolicy("fastest")))
                .hasMessageThat().contains("fastest");
        assertThat(assertThrows(IllegalArgumentException.class, () -> ShmtSettings.defaults().withBatchCells(0)))
                .hasMessageThat().isEqualTo("batchCells must be >= 1, got 0");
        CriticalityMetric mine = samples -> 1.0;
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> ShmtSettings.defaults().withQaws(QawsSettings.DEFAULTS.withCriticality(mine))))
                .hasMessageThat().startsWith("qaws: criticality must be CriticalityMetric.RANGE or STD_DEV here");
    }
}
