package dev.shmt.runtime.energy.sysfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Reading sysfs attribute files: one value per file, as text. */
final class SysfsFiles {
    private SysfsFiles() {}

    /** The file's text, trimmed; any failure names the file, as a driver's I/O error would not. */
    static String text(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (FileSystemException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The file's integer; a file holding anything else is an IOException naming it. */
    static long integer(Path file) throws IOException {
        String t = text(file);
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": expected an integer, found '" + t + "'", e);
        }
    }

    /** The directories in {@code dir} whose names match {@code glob}, by name; none when {@code dir} is absent. */
    static List<Path> dirs(Path dir, String glob) throws IOException {
        return entries(dir, glob, Files::isDirectory);
    }

    /** The files in {@code dir} whose names match {@code glob}, by name; none when {@code dir} is absent. */
    static List<Path> files(Path dir, String glob) throws IOException {
        return entries(dir, glob, Files::isRegularFile);
    }

    private static List<Path> entries(Path dir, String glob, Predicate<Path> kind) throws IOException {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
            for (Path p : s) {
                if (kind.test(p)) {
                    found.add(p);
                }
            }
        }
        found.sort(null);
        return found;
    }

    /** The file that failed and why, in words: "/sys/.../energy_uj: permission denied". */
    static String failure(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return f.getFile() + ": " + why(f);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String why(FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        return e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
    }
}
