package dev.shmt.bench.emulate;

import dev.shmt.bench.results.SweepPoint;
import dev.shmt.runtime.emulate.Profile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code --emulate} asked for: the profile, checked, and where the runtimes read it from (its
 * shipped name or file, or for a sweep point a scaled copy); the dilation, or NaN to choose it per app
 * ({@link Dilation}).
 *
 * @param label how tables name it: the profile, and for a sweep the device's speed factor
 * @param againstReal whether every policy also runs on this machine's real devices, in the same
 *     interleaved rounds, to compare the emulated times and shares with ({@link Validation})
 */
public record EmulationPlan(String label, String source, Profile profile, double dilation, boolean againstReal) {
    /** {@code nameOrPath} read now, so a bad profile is refused before anything runs. */
    public static EmulationPlan of(String nameOrPath, double dilation) {
        Profile p = Profile.load(nameOrPath);
        return new EmulationPlan(p.name(), nameOrPath, p, dilation, false);
    }

    /**
     * {@code --emulate here}: this machine's devices, measured by the bench itself on the real devices
     * before it emulates them, and compared with those very runs ({@link Validation}).
     */
    public static EmulationPlan here(double dilation) {
        return new EmulationPlan(HERE, null, null, dilation, true);
    }

    public static final String HERE = "here";

    /** Whether the profile is yet to be measured, by this run. */
    public boolean measuredHere() {
        return source == null;
    }

    /** This plan, also run on the real devices the profile names. */
    public EmulationPlan alsoOnRealDevices() {
        return new EmulationPlan(label, source, profile, dilation, true);
    }

    /** This plan with {@code device} {@code speed} times as fast, its profile written into {@code dir}. */
    public EmulationPlan withSpeed(String device, double speed, Path dir) {
        Profile scaled = profile.withSpeed(device, speed);
        Path file = dir.resolve(String.format(Locale.ROOT, "%s-%s-x%s.json", profile.name(), device, SweepPoint.factor(speed)));
        try {
            Files.writeString(file, scaled.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EmulationPlan(String.format(Locale.ROOT, "%s, %s x%s", profile.name(), device, SweepPoint.factor(speed)),
                file.toString(), scaled, dilation, againstReal);
    }
}
