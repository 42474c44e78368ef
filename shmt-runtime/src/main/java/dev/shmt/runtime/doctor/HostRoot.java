package dev.shmt.runtime.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the doctor reads the machine from: {@code /}, or the folder in {@code -Dshmt.doctor.root}, so tests
 * can play a Jetson's /etc, /proc, /sys and /dev on any machine.
 */
public final class HostRoot {
    public static final String PROPERTY = "shmt.doctor.root";

    private HostRoot() {}

    /** {@code absolute} ("/etc/nv_tegra_release") under the root. */
    public static Path path(String absolute) {
        String root = System.getProperty(PROPERTY);
        return root == null || root.isBlank() ? Path.of(absolute) : Path.of(root, absolute.substring(1));
    }

    /** The file's text with NULs as spaces (device-tree strings end in one), or null when unreadable. */
    public static String read(String absolute) {
        try {
            return new String(Files.readAllBytes(path(absolute)), StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
