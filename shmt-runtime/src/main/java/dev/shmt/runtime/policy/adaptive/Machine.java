package dev.shmt.runtime.policy.adaptive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine in one line, for keeping what was learned on it apart from other machines'. */
final class Machine {
    private Machine() {}

    static String describe() {
        return host() + " " + System.getProperty("os.arch") + " " + Runtime.getRuntime().availableProcessors()
                + " cores " + cpuModel();
    }

    private static String host() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            h = firstLine(Path.of("/proc/sys/kernel/hostname"));
        }
        return h == null ? "unknown-host" : h.strip();
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name") || line.startsWith("Model") || line.startsWith("CPU part")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no cpuinfo: the other parts still tell machines apart
        }
        return System.getProperty("os.name");
    }

    private static String firstLine(Path p) {
        try {
            return Files.readString(p).lines().findFirst().orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
