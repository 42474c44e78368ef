package dev.shmt.spark.cli;

import dev.shmt.spark.FloatImage;
import dev.shmt.spark.ImageOutput;
import dev.shmt.spark.Pngs;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The job's outputs as files: {@code NAME.png} (8-bit grey) or {@code NAME.f32} (exact: rows and cols as
 * big-endian ints, then the floats row by row, big-endian), NAME being the input file's name without its
 * extension.
 */
final class OutputFiles {
    private OutputFiles() {}

    /** The output file for input {@code path} (a Spark path such as file:/data/a.png). */
    static Path outputFor(Path dir, String path, ImageOutput format) {
        String name = Path.of(URI.create(path).getPath()).getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return dir.resolve(stem + (format == ImageOutput.PNG ? ".png" : ".f32"));
    }

    static void writeF32(Path file, int rows, int cols, float[] px) {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeInt(rows);
            out.writeInt(cols);
            for (float v : px) {
                out.writeFloat(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An output file read back, as the image it holds. */
    static FloatImage read(Path file) throws IOException {
        if (file.toString().endsWith(".png")) {
            return Pngs.decode(file.toString(), Files.readAllBytes(file));
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int rows = in.readInt();
            int cols = in.readInt();
            float[] px = new float[Math.multiplyExact(rows, cols)];
            for (int i = 0; i < px.length; i++) {
                px[i] = in.readFloat();
            }
            return new FloatImage(file.toString(), rows, cols, px);
        }
    }
}
