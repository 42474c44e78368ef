package dev.shmt.runtime.energy.sysfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Stand-in sysfs trees for the meters' tests: one value per file, as the kernel shows them. */
final class SysfsTree {
    private SysfsTree() {}

    /** Writes {@code value} and a newline to {@code root/relative}, making its directories. */
    static Path write(Path root, String relative, Object value) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, value + "\n");
        return file;
    }

    /**
     * Makes {@code file} mode 000; true when a read then fails. Root (or CAP_DAC_OVERRIDE) still reads it,
     * so a test of unreadability must be skipped there.
     */
    static boolean makeUnreadable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        try {
            Files.readString(file);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    static final String ROOT_READS_ALL =
            "running as root (or with CAP_DAC_OVERRIDE): a mode-000 file is still readable, so it cannot be staged";
}
