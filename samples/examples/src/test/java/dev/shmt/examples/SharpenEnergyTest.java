package dev.shmt.examples;

import static com.google.common.truth.Truth.assertThat;

import dev.shmt.api.Energy;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Shmt;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's energy example, with a wall meter of known power standing in for the user's. */
class SharpenEnergyTest {
    @Test
    void tenCallsAtAConstantFourWattsTakeFourWattsAndNothingAboveIdle(@TempDir Path dir) throws Exception {
        Path watts = dir.resolve("watts");
        Files.writeString(watts, "4\n");
        System.setProperty("shmt.power.meter", watts.toString());
        try {
            FloatMatrix src = FloatMatrix.create(256, 256);
            Energy e = SharpenEnergy.run(Shmt.builder().devices("cpu"), src, FloatMatrix.create(256, 256));
            assertThat(e.totalFrom()).isEqualTo("external:meter");
            assertThat(e.meanWatts()).isWithin(1e-9).of(4.0);
            assertThat(e.aboveIdleJoules()).isWithin(1e-9).of(0.0);
        } finally {
            System.clearProperty("shmt.power.meter");
        }
    }
}
