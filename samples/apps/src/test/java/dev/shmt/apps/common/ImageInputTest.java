package dev.shmt.apps.common;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.FloatMatrix;
import dev.shmt.apps.Input;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** {@code --input} end to end below the apps: the bundled photographs, a file, a directory, and what is refused. */
class ImageInputTest {
    private static final List<String> BUNDLED = List.of("astronaut.png", "brick.png", "camera.png", "cell.png",
            "chelsea.png", "clock_motion.png", "coffee.png", "coins.png", "grass.png", "gravel.png",
            "hubble_deep_field.jpg", "ihc.png", "retina.jpg", "rocket.jpg");

    private static byte[] bundled(String name) throws Exception {
        try (InputStream in = ImageInput.resource(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void everyBundledPhotographIsOnTheClassPathWithItsSourceAndHash() throws Exception {
        assertThat(ImageInput.bundledNames()).containsExactlyElementsIn(BUNDLED).inOrder();
        String sources = new String(bundled("SOURCES.md"), StandardCharsets.UTF_8);
        assertThat(sources).contains("python3-skimage");
        assertThat(sources).contains("0.19.3-8");
        for (String name : ImageInput.bundledNames()) {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bundled(name)));
            String row = sources.lines().filter(l -> l.startsWith("| " + name + " |")).findFirst().orElse(null);
            assertWithMessage("SOURCES.md row of %s", name).that(row).isNotNull();
            assertWithMessage("SOURCES.md row of %s", name).that(row).contains("`" + sha + "`");
            PhotoFile.Header h = new PhotoFile(name, () -> ImageInput.resource(name)).header();
            assertWithMessage("SOURCES.md row of %s", name).that(row).contains("| " + h.width() + " x " + h.height() + ",");
        }
    }

    @Test
    void photosAreAFourByFourMosaicOfTheFourteenSortedByName() {
        assertThat(ImageInput.describe(Input.photos(), 42)).isEqualTo("photos (14 bundled photographs, mosaic 4x4)");
        int n = 1024; // cells of 256
        FloatMatrix m = ImageInput.image(Input.photos(), n, 42);
        float lo = Float.MAX_VALUE;
        float hi = -Float.MAX_VALUE;
        for (float v : m.array()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        assertWithMessage("darkest").that(lo).isAtLeast(Images.MIN);
        assertWithMessage("brightest").that(hi).isAtMost(Images.MAX);
        assertWithMessage("contrast").that(hi - lo).isGreaterThan(200f);
        Photo astronaut = new PhotoFile("astronaut.png", () -> ImageInput.resource("astronaut.png")).read();
        Photo camera = new PhotoFile("camera.png", () -> ImageInput.resource("camera.png")).read();
        for (int r = 0; r < 256; r += 5) {
            for (int c = 0; c < 256; c += 3) {
                // Cell 0: astronaut (512 x 512) centre-cropped, 128 cut off each side.
                assertWithMessage("cell 0 at %s, %s", r, c).that(m.get(r, c)).isEqualTo(astronaut.at(128 + r, 128 + c));
                // Cell 2 (third, by name): camera, the same crop.
                assertWithMessage("cell 2 at %s, %s", r, c).that(m.get(r, 512 + c)).isEqualTo(camera.at(128 + r, 128 + c));
                // Cell 14 (fourth row, third column): astronaut again, moved by half a cell down and right.
                assertWithMessage("cell 14 at %s, %s", r, c).that(m.get(768 + r, 512 + c))
                        .isEqualTo(astronaut.at(256 + r, 256 + c));
            }
        }
    }

    @Test
    void aFileIsCroppedOrMirroredAndSaysItsSize(@TempDir Path dir) throws Exception {
        BufferedImage img = new BufferedImage(20, 12, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 20; x++) {
                img.getRaster().setSample(x, y, 0, 10 * y + x);
            }
        }
        Path file = dir.resolve("one.png");
        ImageIO.write(img, "png", file.toFile());
        Input input = Input.of(file.toString());
        assertThat(input.kind()).isEqualTo(Input.Kind.FILE);
        assertThat(ImageInput.describe(input, 1)).isEqualTo(file + " (20 x 12 PNG)");
        FloatMatrix m = ImageInput.image(input, 16, 1);
        // Columns cropped by 2 each side; rows mirrored 2 beyond each edge.
        assertThat(m.get(2, 0)).isEqualTo(2f);
        assertThat(m.get(0, 0)).isEqualTo(22f);
        assertThat(m.get(15, 15)).isEqualTo(10f * 9 + 17);
        assertThat(ImageInput.image(Input.generated(), 16, 1).toArray()).isEqualTo(Images.structured(16, 16, 1).toArray());
    }

    @Test
    void aDirectoryIsAMosaicOfItsImagesAlone(@TempDir Path dir) throws Exception {
        for (String name : List.of("b.png", "a.PNG", "c.jpeg")) {
            ImageIO.write(new BufferedImage(9, 9, BufferedImage.TYPE_INT_RGB), name.endsWith("jpeg") ? "jpeg" : "png",
                    dir.resolve(name).toFile());
        }
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        Files.createDirectory(dir.resolve("sub.png"));
        Input input = Input.of(dir.toString());
        assertThat(input.kind()).isEqualTo(Input.Kind.DIRECTORY);
        assertThat(ImageInput.files(input).stream().map(PhotoFile::name).toList()).containsExactly(
                dir.resolve("a.PNG").toString(), dir.resolve("b.png").toString(), dir.resolve("c.jpeg").toString()).inOrder();
        assertThat(ImageInput.describe(input, 1)).isEqualTo(dir + " (3 images, mosaic 2x2)");
    }

    private static void refused(Executable e, String message) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertThat(x).hasMessageThat().contains(message);
        assertThat(x).hasMessageThat().doesNotContain("\n");
    }

    @Test
    void badInputsAreRefusedNamingThem(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.png");
        refused(() -> Input.of(missing.toString()), "--input " + missing + ": no such file or directory");
        refused(() -> Input.of(" "), "--input expects a PNG or JPEG file, a directory of them, or photos; got ' '");

        Path text = dir.resolve("fake.png");
        Files.writeString(text, "not a picture");
        refused(() -> ImageInput.describe(Input.of(text.toString()), 1), "--input " + text
                + ": not a PNG or JPEG ImageIO can read");
        Path gif = dir.resolve("real.gif");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_INDEXED), "gif", gif.toFile());
        refused(() -> ImageInput.describe(Input.of(gif.toString()), 1), "--input " + gif
                + ": not a PNG or JPEG ImageIO can read");

        Path empty = Files.createDirectory(dir.resolve("empty"));
        Files.writeString(empty.resolve("readme.txt"), "no images here");
        refused(() -> ImageInput.describe(Input.of(empty.toString()), 1), "--input " + empty
                + ": the directory holds no .png, .jpg or .jpeg file");

        Path mixed = Files.createDirectory(dir.resolve("mixed"));
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", mixed.resolve("a.png").toFile());
        Files.copy(text, mixed.resolve("b.jpg"));
        refused(() -> ImageInput.describe(Input.of(mixed.toString()), 1), "--input " + mixed.resolve("b.jpg")
                + ": not a PNG or JPEG ImageIO can read");

        // The header is whole, the pixels are cut off: refused when decoded.
        Path png = dir.resolve("whole.png");
        BufferedImage noisy = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5); // noise: no compression shrinks it
        for (int i = 0; i < 64 * 64; i++) {
            noisy.setRGB(i % 64, i / 64, rnd.nextInt(1 << 24));
        }
        ImageIO.write(noisy, "png", png.toFile());
        byte[] bytes = Files.readAllBytes(png);
        Path cut = Files.write(dir.resolve("cut.png"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThat(ImageInput.describe(Input.of(cut.toString()), 1)).isEqualTo(cut + " (64 x 64 PNG)");
        refused(() -> ImageInput.image(Input.of(cut.toString()), 16, 1), "--input " + cut + ": ImageIO could not read it");

        refused(() -> ImageInput.image(null, 16, 1), "input must not be null");
        refused(() -> new Input(Input.Kind.FILE, null), "needs a path");
    }
}
