package dev.shmt.examples;

import dev.shmt.api.Energy;
import dev.shmt.api.EnergyMeters;
import dev.shmt.api.EnergySettings;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import java.time.Duration;

/** The README's energy example: what one call took, then ten calls in one window, with idle subtracted. */
public final class SharpenEnergy {
    private SharpenEnergy() {}

    /** Sharpens {@code src} into {@code dst} on a runtime with energy on; returns the energy of ten calls. */
    public static Energy run(Shmt.Builder builder, FloatMatrix src, FloatMatrix dst) {
        EnergySettings settings = EnergySettings.ON.withIdleBaseline(Duration.ofSeconds(1));
        try (Shmt shmt = builder.energy(settings).build()) {
            Report one = ImageOpsVops.sharpen(shmt, src, dst, 0.5f);
            System.out.print(one.energy().toTable());          // joules per meter channel, and each one's method

            EnergyMeters.Window window = shmt.energy().start();  // a window over several calls
            for (int i = 0; i < 10; i++) {
                ImageOpsVops.sharpen(shmt, src, dst, 0.5f);
            }
            return window.stop();                               // totalJoules(), aboveIdleJoules(), meanWatts()
        }
    }
}
