package dev.shmt.runtime.energy.sysfs;

import dev.shmt.runtime.spi.Setting;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** The CPU's RAPL energy counters, read from Linux's powercap tree ({@code /sys/class/powercap}). */
public final class RaplMeter extends SysfsMeter {
    /** The powercap tree to read, for a copy of another machine's or a container's mount. */
    public static final Setting ROOT = new Setting("shmt.energy.powercap", "SHMT_POWERCAP");

    static final Path DEFAULT_ROOT = Path.of("/sys/class/powercap");

    private final Path root;

    /** Reads the tree that {@link #ROOT} names, else {@code /sys/class/powercap}. */
    public RaplMeter() {
        this(ROOT.text() == null ? DEFAULT_ROOT : Path.of(ROOT.text()));
    }

    public RaplMeter(Path root) {
        this(Objects.requireNonNull(root, "root"), found(root));
    }

    private RaplMeter(Path root, Found<RaplZone> found) {
        super(found.channels(), found.why());
        this.root = root;
    }

    private static Found<RaplZone> found(Path root) {
        try {
            List<RaplZone> zones = RaplZones.find(root);
            return new Found<>(zones, unavailable(root, zones));
        } catch (IOException e) {
            return new Found<>(List.of(), "cannot read " + SysfsFiles.failure(e));
        }
    }

    /** Null when every zone's counter can be read; else the first reason not. */
    private static String unavailable(Path root, List<RaplZone> zones) {
        if (!Files.isDirectory(root)) {
            return "no powercap tree at " + root
                    + ": no RAPL on this machine (a VM, or not an Intel/AMD CPU with the intel_rapl driver)";
        }
        if (zones.isEmpty()) {
            return "no RAPL zones (intel-rapl:N) in " + root + ": the intel_rapl driver is not loaded"
                    + " (sudo modprobe intel_rapl_msr) or the CPU has none";
        }
        for (RaplZone z : zones) {
            // A real read: Files.isReadable says yes to root even where the kernel would say no, and back.
            try {
                z.joules();
            } catch (AccessDeniedException e) {
                return denied(root, z.energyFile());
            } catch (IOException e) {
                return "cannot read " + SysfsFiles.failure(e);
            }
        }
        return null;
    }

    static String denied(Path root, Path file) {
        return file + " is readable by root only: Linux 5.10 and the stable kernels patched for CVE-2020-8694"
                + " (a power side channel) restrict RAPL's energy counters. Allow it until reboot with"
                + " `sudo chmod o+r " + root + "/intel-rapl:*/energy_uj`, for good with a udev rule"
                + " (/etc/udev/rules.d/99-rapl.rules: ACTION==\"add\", SUBSYSTEM==\"powercap\","
                + " KERNEL==\"intel-rapl:*\", RUN+=\"/bin/chmod o+r /sys%p/energy_uj\"), or run as root";
    }

    @Override
    public String name() {
        return "rapl";
    }

    @Override
    public String detail() {
        return root + ", " + channels().size() + (channels().size() == 1 ? " zone" : " zones");
    }

}
