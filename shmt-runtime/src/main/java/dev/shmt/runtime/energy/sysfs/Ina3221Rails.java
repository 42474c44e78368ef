package dev.shmt.runtime.energy.sysfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a Jetson's INA3221 rails under {@code bus/i2c/drivers}, in both layouts: JetPack 4's IIO driver
 * ({@code ina3221x/<chip>/iio:device*}) and JetPack 5 and 6's hwmon driver ({@code ina3221/<chip>/hwmon/hwmon*}).
 * Every chip is taken; hwmon and IIO numbers change between boots, so they are searched for, never assumed.
 */
final class Ina3221Rails {
    /** What a board's device tree calls an input with nothing connected. */
    static final String NOT_CONNECTED = "NC";

    private static final Pattern IIO_RAIL = Pattern.compile("rail_name_(\\d+)");
    private static final Pattern HWMON_LABEL = Pattern.compile("in(\\d+)_label");

    private Ina3221Rails() {}

    static List<Ina3221Rail> find(Path drivers) throws IOException {
        List<Ina3221Rail> rails = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Path chip : SysfsFiles.dirs(drivers.resolve("ina3221x"), "*")) {
            for (Path iio : SysfsFiles.dirs(chip, "iio:device*")) {
                for (Labelled l : labelled(iio, "rail_name_*", IIO_RAIL)) {
                    Path mw = iio.resolve("in_power" + l.n + "_input");
                    if (Files.exists(mw)) {
                        rails.add(Ina3221Rail.iio(unique(used, l.rail, chip), l.rail, mw));
                    }
                }
            }
        }
        for (Path chip : SysfsFiles.dirs(drivers.resolve("ina3221"), "*")) {
            for (Path hwmon : SysfsFiles.dirs(chip.resolve("hwmon"), "hwmon*")) {
                for (Labelled l : labelled(hwmon, "in*_label", HWMON_LABEL)) {
                    Path mv = hwmon.resolve("in" + l.n + "_input");
                    Path ma = hwmon.resolve("curr" + l.n + "_input");
                    if (Files.exists(mv) && Files.exists(ma)) {
                        rails.add(Ina3221Rail.hwmon(unique(used, l.rail, chip), l.rail, mv, ma));
                    }
                }
            }
        }
        return rails;
    }

    private record Labelled(int n, String rail) {}

    /** The labelled inputs of one chip, by number, without the unconnected ones. */
    private static List<Labelled> labelled(Path dir, String glob, Pattern name) throws IOException {
        List<Labelled> found = new ArrayList<>();
        for (Path f : SysfsFiles.files(dir, glob)) {
            Matcher m = name.matcher(f.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            String rail = SysfsFiles.text(f);
            if (!rail.isEmpty() && !rail.equals(NOT_CONNECTED)) {
                found.add(new Labelled(Integer.parseInt(m.group(1)), rail));
            }
        }
        found.sort(Comparator.comparingInt(Labelled::n));
        return found;
    }

    /** The rail's name, with its chip's i2c address when another chip has a rail of that name. */
    private static String unique(Set<String> used, String rail, Path chip) {
        String name = used.contains(rail) ? rail + "@" + chip.getFileName() : rail;
        used.add(name);
        return name;
    }
}
