package dev.shmt.apps.common;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PNG and JPEG files as {@link PhotoFile} reads them: colour to BT.601 luma, grey as it is, 16 bits to 0..255. */
class PhotoTest {
    private static final int W = 13;
    private static final int H = 7;

    /** The formula itself, written out here rather than taken from {@link Photo#luma}. */
    private static double bt601(int r, int g, int b) {
        return 0.299 * r + 0.587 * g + 0.114 * b;
    }

    private static BufferedImage randomColour(long seed) {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                img.setRGB(x, y, rnd.nextInt(1 << 24));
            }
        }
        return img;
    }

    private static Path write(BufferedImage img, String format, Path file) throws Exception {
        assertWithMessage("ImageIO wrote %s", file).that(ImageIO.write(img, format, file.toFile())).isTrue();
        return file;
    }

    @Test
    void colourPngIsItsBt601Luma(@TempDir Path dir) throws Exception {
        BufferedImage img = randomColour(3);
        Photo p = PhotoFile.of(write(img, "png", dir.resolve("c.png"))).read();
        assertThat(p.width()).isEqualTo(W);
        assertThat(p.height()).isEqualTo(H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int rgb = img.getRGB(x, y);
                double expected = bt601((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
                assertWithMessage("grey at %s, %s", y, x).that((double) p.at(y, x)).isWithin(1e-4).of(expected);
            }
        }
    }

    @Test
    void colourJpegIsTheLumaOfWhatImageIoDecodes(@TempDir Path dir) throws Exception {
        // A JPEG is lossy: the expected colours are those ImageIO decodes from the file, not those written.
        BufferedImage smooth = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                smooth.setRGB(x, y, (x * 18) << 16 | (y * 30) << 8 | (200 - x * 9));
            }
        }
        File file = write(smooth, "jpeg", dir.resolve("c.jpg")).toFile();
        BufferedImage decoded = ImageIO.read(file);
        Photo p = PhotoFile.of(file.toPath()).read();
        boolean colour = false;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int rgb = decoded.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                colour |= r != g || g != b;
                assertWithMessage("grey at %s, %s", y, x).that((double) p.at(y, x)).isWithin(1e-4).of(bt601(r, g, b));
            }
        }
        assertWithMessage("the JPEG decodes to colours, not greys").that(colour).isTrue();
        assertThat(PhotoFile.of(file.toPath()).header()).isEqualTo(new PhotoFile.Header("JPEG", W, H));
    }

    @Test
    void greyLevelsStayAsTheyAre(@TempDir Path dir) throws Exception {
        BufferedImage grey = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int v = 0; v < 256; v++) {
            grey.getRaster().setSample(v % 16, v / 16, 0, v);
        }
        Photo p = PhotoFile.of(write(grey, "png", dir.resolve("g.png"))).read();
        for (int v = 0; v < 256; v++) {
            assertWithMessage("level %s", v).that(p.at(v / 16, v % 16)).isEqualTo((float) v);
        }
        assertThat(PhotoFile.of(dir.resolve("g.png")).header()).isEqualTo(new PhotoFile.Header("PNG", 16, 16));
    }

    @Test
    void sixteenBitGreyIsScaledTo255(@TempDir Path dir) throws Exception {
        BufferedImage grey = new BufferedImage(4, 1, BufferedImage.TYPE_USHORT_GRAY);
        int[] levels = {0, 257, 257 * 100, 65535};
        for (int x = 0; x < levels.length; x++) {
            grey.getRaster().setSample(x, 0, 0, levels[x]);
        }
        Photo p = PhotoFile.of(write(grey, "png", dir.resolve("g16.png"))).read();
        assertThat(p.grey()).isEqualTo(new float[] {0f, 1f, 100f, 255f});
    }

    @Test
    void lumaKeepsGreyAndStaysInRange() {
        for (int v = 0; v < 256; v++) {
            assertWithMessage("grey %s", v).that(Photo.luma(v, v, v)).isEqualTo((float) v);
        }
        assertThat(Photo.luma(255, 0, 0)).isWithin(1e-4f).of(0.299f * 255);
        assertThat(Photo.luma(255, 255, 255)).isAtMost(Images.MAX);
    }
}
