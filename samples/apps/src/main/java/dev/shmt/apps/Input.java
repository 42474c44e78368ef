package dev.shmt.apps;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * What an app's input is made from ({@code ./shmt bench --input}): generated from the seed, as every app
 * can; or, for the apps that take an image ({@link BenchApp#takesImageInput}), one PNG or JPEG file, a
 * directory of them, or the photographs bundled with the apps. {@link dev.shmt.apps.common.ImageInput}
 * reads and fits them.
 *
 * @param path the file or directory; null for {@link Kind#GENERATED} and {@link Kind#PHOTOS}
 */
public record Input(Kind kind, Path path) {
    /** The word {@code --input} takes for the bundled photographs. */
    public static final String PHOTOS = "photos";

    /** Where the pixels come from. */
    public enum Kind {
        /** The app's own generator, from the seed. */
        GENERATED,
        /** The photographs under {@code dev/shmt/apps/data/photos} on the class path, as a mosaic. */
        PHOTOS,
        /** One image, cropped or mirrored to N x N. */
        FILE,
        /** Every PNG and JPEG in a directory, as a mosaic. */
        DIRECTORY
    }

    public Input {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        boolean needsPath = kind == Kind.FILE || kind == Kind.DIRECTORY;
        if (needsPath != (path != null)) {
            throw new IllegalArgumentException("an input of kind " + kind + (needsPath ? " needs a path" : " takes no path")
                    + ", got " + path);
        }
    }

    /** The app's generated input. */
    public static Input generated() {
        return new Input(Kind.GENERATED, null);
    }

    /** The bundled photographs. */
    public static Input photos() {
        return new Input(Kind.PHOTOS, null);
    }

    /**
     * {@code --input}'s value: {@value #PHOTOS} for the bundled photographs (a directory of that name is
     * {@code ./photos}), otherwise a file or a directory that exists. Whether the files are images is for
     * {@link dev.shmt.apps.common.ImageInput#describe} to say.
     *
     * @throws IllegalArgumentException naming {@code --input} when the path is blank, malformed or absent
     */
    public static Input of(String arg) {
        if (arg == null || arg.isBlank()) {
            throw new IllegalArgumentException("--input expects a PNG or JPEG file, a directory of them, or " + PHOTOS
                    + "; got '" + (arg == null ? "" : arg) + "'");
        }
        if (arg.equals(PHOTOS)) {
            return photos();
        }
        Path p;
        try {
            p = Path.of(arg);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("--input " + arg + ": not a valid path (" + e.getReason() + ")", e);
        }
        if (Files.isDirectory(p)) {
            return new Input(Kind.DIRECTORY, p);
        }
        if (Files.isRegularFile(p)) {
            return new Input(Kind.FILE, p);
        }
        throw new IllegalArgumentException("--input " + arg + ": " + (Files.exists(p) ? "neither a file nor a directory"
                : "no such file or directory") + "; give a PNG or JPEG file, a directory of them, or " + PHOTOS);
    }

    public boolean isGenerated() {
        return kind == Kind.GENERATED;
    }

    /** As {@code --input} would take it: the path, {@value #PHOTOS}, or "generated". */
    @Override
    public String toString() {
        return switch (kind) {
            case GENERATED -> "generated";
            case PHOTOS -> PHOTOS;
            case FILE, DIRECTORY -> path.toString();
        };
    }
}
