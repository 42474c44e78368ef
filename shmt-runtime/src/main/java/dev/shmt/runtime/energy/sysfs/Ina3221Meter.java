package dev.shmt.runtime.energy.sysfs;

import dev.shmt.runtime.spi.Setting;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** A Jetson module's INA3221 power monitors: each rail's power, sampled and integrated by the runtime. */
public final class Ina3221Meter extends SysfsMeter {
    /** The sysfs root to read, for a copy of another machine's or a container's mount. */
    public static final Setting ROOT = new Setting("shmt.energy.sysfs", "SHMT_SYSFS");

    static final Path DEFAULT_ROOT = Path.of("/sys");

    private final Path drivers;

    /** Reads the tree that {@link #ROOT} names, else {@code /sys}. */
    public Ina3221Meter() {
        this(ROOT.text() == null ? DEFAULT_ROOT : Path.of(ROOT.text()));
    }

    public Ina3221Meter(Path root) {
        this(Objects.requireNonNull(root, "root").resolve("bus/i2c/drivers"), found(root.resolve("bus/i2c/drivers")));
    }

    private Ina3221Meter(Path drivers, Found<Ina3221Rail> found) {
        super(found.channels(), found.why());
        this.drivers = drivers;
    }

    private static Found<Ina3221Rail> found(Path drivers) {
        try {
            List<Ina3221Rail> rails = Ina3221Rails.find(drivers);
            return new Found<>(rails, unavailable(drivers, rails));
        } catch (AccessDeniedException e) {
            return new Found<>(List.of(), denied(e));
        } catch (IOException e) {
            return new Found<>(List.of(), "cannot read " + SysfsFiles.failure(e));
        }
    }

    /** Null when every rail reads; else the first reason not. */
    private static String unavailable(Path drivers, List<Ina3221Rail> rails) {
        if (!Files.isDirectory(drivers.resolve("ina3221x")) && !Files.isDirectory(drivers.resolve("ina3221"))) {
            return "no INA3221 power monitor under " + drivers + " (ina3221x or ina3221): not a Jetson,"
                    + " or its driver is not loaded";
        }
        if (rails.isEmpty()) {
            return "the INA3221 driver under " + drivers + " shows no connected rail (no rail_name_N in"
                    + " ina3221x/*/iio:device*, no inN_label in ina3221/*/hwmon/hwmon*)";
        }
        for (Ina3221Rail r : rails) {
            try {
                r.watts();
            } catch (AccessDeniedException e) {
                return denied(e);
            } catch (IOException e) {
                return "cannot read rail " + r.name() + ": " + SysfsFiles.failure(e);
            }
        }
        return null;
    }

    /** L4T makes these files readable by all: a denial comes from a changed mode or a container's policy. */
    private static String denied(AccessDeniedException e) {
        return "cannot read " + SysfsFiles.failure(e) + ": L4T makes the INA3221 files readable by all, so"
                + " their mode was changed or a container or security policy denies them; allow it with"
                + " `sudo chmod o+r " + e.getFile() + "` or run as root";
    }

    @Override
    public String name() {
        return "ina3221";
    }

    @Override
    public String detail() {
        return drivers + ", " + channels().size() + (channels().size() == 1 ? " rail" : " rails");
    }

}
