package dev.shmt.spark.cli;

import dev.shmt.apps.common.Images;
import dev.shmt.spark.FloatImage;
import dev.shmt.spark.Pngs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./shmt spark images}: a folder of seeded test images for the jobs to read. */
@Command(name = "images", mixinStandardHelpOptions = true,
        description = "Writes COUNT grey PNG images of SIZE x SIZE with the structure the bench's Sobel input has "
                + "(flat regions, hard edges, texture), image i from seed SEED + i.")
final class ImagesCommand implements Callable<Integer> {
    @Option(names = "--output", required = true, description = "Folder to write into (created if missing).")
    Path output;

    @Option(names = "--count", defaultValue = "64", description = "Images to write (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--size", defaultValue = "1024", description = "Side in pixels (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the first image (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be >= 1, got " + count);
        }
        if (size < 1) {
            throw new IllegalArgumentException("--size must be >= 1, got " + size);
        }
        Files.createDirectories(output);
        for (int i = 0; i < count; i++) {
            String name = String.format(Locale.ROOT, "image-%04d.png", i);
            float[] px = Images.structured(size, size, seed + i).toArray();
            Files.write(output.resolve(name), Pngs.encode(new FloatImage(name, size, size, px)));
        }
        System.out.printf(Locale.ROOT, "wrote %d images of %d x %d to %s%n", count, size, size, output);
        return 0;
    }
}
