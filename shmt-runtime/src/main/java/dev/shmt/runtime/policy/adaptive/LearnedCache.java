package dev.shmt.runtime.policy.adaptive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the adaptive policy learned, kept between runs as StarPU keeps its calibration: one text file per
 * machine in the cache folder, a line per VOP, size class, device set, objective and configuration with
 * its cost. Another machine (host, architecture, cores, CPU model) reads another file, and another device
 * set another key, so neither starts from costs that do not apply to it. A file that cannot be read or
 * written costs the learning, never the call: it is logged once.
 */
final class LearnedCache {
    private static final System.Logger LOG = System.getLogger(LearnedCache.class.getName());

    private final Path file;
    private final String machine;
    private boolean warned;

    LearnedCache(Path folder) {
        this.machine = Machine.describe();
        this.file = folder.resolve("learned-" + Integer.toHexString(machine.hashCode()) + ".tsv");
    }

    /** The configurations kept for {@code key}, by their code, with their cost; empty for none. */
    synchronized Map<String, Double> load(String key) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                if (f.length == 3 && f[0].equals(key)) {
                    out.put(f[1], Double.parseDouble(f[2]));
                }
            }
        } catch (IOException | RuntimeException e) {
            warn("cannot read " + file + ": " + e);
            out.clear();
        }
        return out;
    }

    /** Replaces what is kept for {@code key} with {@code learned}. */
    synchronized void save(String key, Map<String, Double> learned) {
        try {
            List<String> lines = new ArrayList<>();
            lines.add("# what the shmt adaptive policy learned on " + machine + ": key, configuration, cost");
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.startsWith("#") && !line.startsWith(key + "\t")) {
                        lines.add(line);
                    }
                }
            }
            learned.forEach((arm, v) -> lines.add(key + "\t" + arm + "\t" + String.format(Locale.ROOT, "%.6g", v)));
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            warn("cannot write " + file + ": " + e);
        }
    }

    private void warn(String what) {
        if (!warned) {
            warned = true;
            LOG.log(System.Logger.Level.WARNING, "adaptive policy: " + what + "; learning starts afresh each run");
        }
    }
}
