package dev.shmt.apps.common;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * One PNG or JPEG that {@code --input} names, a file or a bundled photograph, read with
 * {@link javax.imageio.ImageIO}'s own PNG and JPEG readers: another format ImageIO knows (GIF, BMP, TIFF)
 * is refused as one it does not.
 */
final class PhotoFile {
    /** Opens the bytes afresh for each read. */
    interface Opener {
        InputStream open() throws IOException;
    }

    /** What the header says, without decoding the pixels. */
    record Header(String format, int width, int height) {}

    private final String name;
    private final Opener opener;

    PhotoFile(String name, Opener opener) {
        this.name = name;
        this.opener = opener;
    }

    static PhotoFile of(Path file) {
        return new PhotoFile(file.toString(), () -> Files.newInputStream(file));
    }

    /** The file as messages name it: its path, or the bundled photograph's name. */
    String name() {
        return name;
    }

    /** The format and pixel size, from the header alone. */
    Header header() {
        return withReader(r -> new Header(r.getFormatName().toUpperCase(Locale.ROOT), r.getWidth(0), r.getHeight(0)));
    }

    /** The whole image, decoded, in grey. */
    Photo read() {
        return withReader(r -> Photo.of(name, r.read(0)));
    }

    private interface ReaderTask<T> {
        T apply(ImageReader reader) throws IOException;
    }

    private <T> T withReader(ReaderTask<T> task) {
        InputStream bytes;
        try {
            bytes = opener.open();
        } catch (IOException e) {
            throw new IllegalArgumentException("--input " + name + ": cannot be opened (" + e + ")", e);
        }
        // A stream cached in memory, not in ImageIO's default temporary file: the files are a few MB at most.
        try (InputStream in = bytes; ImageInputStream stream = new MemoryCacheImageInputStream(new BufferedInputStream(in))) {
            ImageReader reader = pngOrJpeg(stream);
            if (reader != null) {
                try {
                    reader.setInput(stream, true, true);
                    return task.apply(reader);
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException | RuntimeException e) {
            // ImageIO throws IIOException for a damaged file, and unchecked ones for some malformed headers.
            throw new IllegalArgumentException("--input " + name + ": ImageIO could not read it as a PNG or JPEG ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        throw new IllegalArgumentException("--input " + name + ": not a PNG or JPEG ImageIO can read");
    }

    /** The first of ImageIO's readers for the stream's bytes that reads PNG or JPEG; null when none does. */
    private static ImageReader pngOrJpeg(ImageInputStream stream) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            String format;
            try {
                format = r.getFormatName().toLowerCase(Locale.ROOT);
            } catch (IOException e) {
                continue;
            }
            if (format.equals("png") || format.equals("jpeg") || format.equals("jpg")) {
                return r;
            }
            r.dispose();
        }
        return null;
    }

    @Override
    public String toString() {
        return name;
    }
}
