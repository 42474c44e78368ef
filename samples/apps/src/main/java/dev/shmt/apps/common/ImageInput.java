package dev.shmt.apps.common;

import dev.shmt.api.FloatMatrix;
import dev.shmt.apps.Input;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The N x N image an image app runs on, from an {@link Input}: {@link Images#structured} for generated
 * input; otherwise photographs in grey ({@link Photo}) fitted to N x N ({@link PhotoFit}): one file
 * centre-cropped or mirrored, a directory's PNG and JPEG files (sorted by name) or the bundled
 * photographs as a mosaic. The same input and size always give the same image.
 */
public final class ImageInput {
    /** Where the bundled photographs are on the class path, with their {@code index.txt} and {@code SOURCES.md}. */
    public static final String BUNDLED = "/dev/shmt/apps/data/photos/";

    private ImageInput() {}

    /**
     * A new dense {@code size x size} image from {@code input}, values in [{@link Images#MIN},
     * {@link Images#MAX}], no border set ({@link FloatMatrix#create}'s).
     *
     * @throws IllegalArgumentException naming {@code --input} when a file cannot be read
     */
    public static FloatMatrix image(Input input, int size, long seed) {
        if (input == null) {
            throw new IllegalArgumentException("input must not be null; Input.generated() is the app's own input");
        }
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, got " + size);
        }
        return switch (input.kind()) {
            case GENERATED -> Images.structured(size, size, seed);
            case FILE -> PhotoFit.single(PhotoFile.of(input.path()), size);
            case DIRECTORY, PHOTOS -> {
                List<PhotoFile> files = files(input);
                yield PhotoFit.mosaic(files, size, "--input " + input + " (" + what(input, files.size()) + ")");
            }
        };
    }

    /**
     * What the bench's tables and report say of {@code input}, once every file's header has been read:
     * {@code photos (14 bundled photographs, mosaic 4x4)}, a directory's path with its count and mosaic, a
     * file's path with its format and size, or {@code generated (seed 42)}.
     *
     * @throws IllegalArgumentException naming {@code --input} when a file is no PNG or JPEG ImageIO can read,
     *     or a directory holds none
     */
    public static String describe(Input input, long seed) {
        if (input == null) {
            throw new IllegalArgumentException("input must not be null; Input.generated() is the app's own input");
        }
        switch (input.kind()) {
            case GENERATED:
                return "generated (seed " + seed + ")";
            case FILE: {
                PhotoFile.Header h = PhotoFile.of(input.path()).header();
                return input.path() + " (" + h.width() + " x " + h.height() + " " + h.format() + ")";
            }
            default: {
                List<PhotoFile> files = files(input);
                files.forEach(PhotoFile::header);
                int k = PhotoFit.mosaicSide(files.size());
                return input + " (" + what(input, files.size()) + ", mosaic " + k + "x" + k + ")";
            }
        }
    }

    private static String what(Input input, int count) {
        return count + (input.kind() == Input.Kind.PHOTOS ? " bundled photograph" : " image") + (count == 1 ? "" : "s");
    }

    /** The mosaic's files, sorted by name. */
    static List<PhotoFile> files(Input input) {
        if (input.kind() == Input.Kind.PHOTOS) {
            return bundledNames().stream().sorted()
                    .map(n -> new PhotoFile(n + " (bundled)", () -> resource(n))).toList();
        }
        List<PhotoFile> files;
        try (Stream<Path> listing = Files.list(input.path())) {
            files = listing.filter(Files::isRegularFile).filter(p -> isImageName(p.getFileName().toString()))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).map(PhotoFile::of).toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("--input " + input.path() + ": the directory cannot be listed (" + e + ")", e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("--input " + input.path() + ": the directory holds no .png, .jpg or .jpeg"
                    + " file");
        }
        return files;
    }

    private static boolean isImageName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return !n.startsWith(".") && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"));
    }

    /**
     * The bundled photographs' file names, as {@code index.txt} lists them (a jar's folders cannot be
     * listed): one a line, {@code #} lines and blank ones skipped.
     */
    public static List<String> bundledNames() {
        List<String> names = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(resource("index.txt"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUNDLED + "index.txt", e);
        }
        if (names.isEmpty()) {
            throw new IllegalStateException(BUNDLED + "index.txt lists no photograph");
        }
        return names;
    }

    /** A bundled file's bytes. */
    public static InputStream resource(String name) {
        InputStream in = ImageInput.class.getResourceAsStream(BUNDLED + name);
        if (in == null) {
            // Missing from the jar: a packaging fault, not the user's.
            throw new IllegalStateException(BUNDLED + name + " is not on the class path; the jar that holds the apps"
                    + " lost its photographs");
        }
        return in;
    }
}
