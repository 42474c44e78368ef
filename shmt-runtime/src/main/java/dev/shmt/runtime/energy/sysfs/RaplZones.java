package dev.shmt.runtime.energy.sysfs;

import dev.shmt.runtime.spi.EnergyChannel.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the RAPL zones of a powercap tree and names them uniquely: top-level zones by their {@code name}
 * ({@code package-0}, {@code psys}, {@code dram}), subzones under their package ({@code package-0/core}).
 * Only {@code intel-rapl:*}: {@code intel-rapl-mmio:*} reads the same package again through another interface.
 */
final class RaplZones {
    static final String PACKAGE_NOTE =
            "the whole CPU package: every core, the npu's TFLite kernels too when they run on the CPU";
    static final String UNCORE_NOTE = "the package's uncore: on client CPUs, mostly the integrated GPU";
    static final String UNKNOWN_NOTE = "a RAPL zone SHMT does not know: listed, counted in no total";

    private static final Pattern ZONE = Pattern.compile("intel-rapl:(\\d+)(?::(\\d+))?");

    private record Dir(int zone, int sub, Path path, String name) {
        boolean top() {
            return sub < 0;
        }
    }

    private RaplZones() {}

    static List<RaplZone> find(Path root) throws IOException {
        List<Dir> dirs = dirs(root);
        long drams = dirs.stream().filter(d -> d.top() && d.name.equals("dram")).count();
        Map<Integer, String> packages = new HashMap<>();
        Set<String> used = new HashSet<>();
        List<RaplZone> zones = new ArrayList<>();
        int dramOrdinal = 0;
        for (Dir d : dirs) {
            String channel;
            if (d.top()) {
                channel = d.name.equals("dram") && drams > 1 ? "dram-" + dramOrdinal++ : d.name;
                packages.put(d.zone, channel);
            } else {
                // dirs() sorts parents before their subzones, so the parent is named by now.
                channel = packages.getOrDefault(d.zone, "intel-rapl:" + d.zone) + "/" + d.name;
            }
            if (!used.add(channel)) {
                channel = channel + " (" + d.path.getFileName() + ")";
                used.add(channel);
            }
            zones.add(zone(channel, d));
        }
        return zones;
    }

    private static RaplZone zone(String channel, Dir d) {
        String n = d.name;
        Path energy = d.path.resolve("energy_uj");
        double wrap = wrapJoules(d.path.resolve("max_energy_range_uj"));
        if (n.equals("psys")) {
            return new RaplZone(channel, null, Scope.SYSTEM, "", energy, wrap);
        }
        if (n.startsWith("package-")) {
            return new RaplZone(channel, "cpu", Scope.COMPONENT, PACKAGE_NOTE, energy, wrap);
        }
        if (n.equals("dram")) {
            return new RaplZone(channel, null, Scope.COMPONENT, "", energy, wrap);
        }
        if (n.equals("core")) {
            return new RaplZone(channel, "cpu", Scope.WITHIN, "", energy, wrap);
        }
        if (n.equals("uncore")) {
            return new RaplZone(channel, null, Scope.WITHIN, UNCORE_NOTE, energy, wrap);
        }
        // WITHIN keeps an unknown zone out of every total rather than risk counting it twice.
        return new RaplZone(channel, null, Scope.WITHIN, UNKNOWN_NOTE, energy, wrap);
    }

    /** Infinite when the range is not told: a window whose counter went back is then unknown, not wrong. */
    private static double wrapJoules(Path file) {
        try {
            long uj = SysfsFiles.integer(file);
            return uj > 0 ? uj / 1e6 : Double.POSITIVE_INFINITY;
        } catch (IOException e) {
            return Double.POSITIVE_INFINITY;
        }
    }

    /** Zones with a {@code name} and an {@code energy_uj}, parents first, by number. */
    private static List<Dir> dirs(Path root) throws IOException {
        // /sys/class/powercap lists subzones flat; a copy of the devices tree nests them in their parent.
        Map<String, Path> byName = new LinkedHashMap<>();
        for (Path p : SysfsFiles.dirs(root, "intel-rapl:*")) {
            byName.putIfAbsent(p.getFileName().toString(), p);
            for (Path s : SysfsFiles.dirs(p, "intel-rapl:*")) {
                byName.putIfAbsent(s.getFileName().toString(), s);
            }
        }
        List<Dir> dirs = new ArrayList<>();
        for (Map.Entry<String, Path> e : byName.entrySet()) {
            Matcher m = ZONE.matcher(e.getKey());
            Path dir = e.getValue();
            if (!m.matches() || !Files.isRegularFile(dir.resolve("name"))
                    || !Files.exists(dir.resolve("energy_uj"))) {
                continue;
            }
            int sub = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
            dirs.add(new Dir(Integer.parseInt(m.group(1)), sub, dir, SysfsFiles.text(dir.resolve("name"))));
        }
        dirs.sort(Comparator.comparingInt(Dir::zone).thenComparingInt(Dir::sub));
        return dirs;
    }
}
