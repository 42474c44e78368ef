package dev.shmt.apps.common;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** One photograph cropped or mirrored to N x N, and several as a mosaic ({@link PhotoFit}). */
class PhotoFitTest {
    /** A photograph whose every pixel says where it is: {@code 100 row + col}. */
    private static Photo coordinates(int width, int height) {
        float[] g = new float[width * height];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                g[r * width + c] = 100 * r + c;
            }
        }
        return new Photo("coordinates", width, height, g);
    }

    @Test
    void reflect101IsTheBordersInOneStep() {
        for (int n = 1; n <= 5; n++) {
            for (int i = -40; i <= 40; i++) {
                assertWithMessage("index %s of %s", i, n).that(PhotoFit.reflect101(i, n))
                        .isEqualTo(Border.REFLECT_101.resolve(i, n));
            }
        }
    }

    @Test
    void aLargerPhotoIsCentreCropped() {
        Photo p = coordinates(10, 8);
        FloatMatrix m = FloatMatrix.create(4, 4);
        PhotoFit.fill(p, m, 0, 0, 4, 4, 0, 0);
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                // (8 - 4) / 2 = 2 rows and (10 - 4) / 2 = 3 columns cut off above and to the left.
                assertWithMessage("at %s, %s", r, c).that(m.get(r, c)).isEqualTo(100f * (2 + r) + (3 + c));
            }
        }
    }

    @Test
    void aSmallerPhotoIsCentredAndMirroredToFill() {
        Photo p = coordinates(3, 2);
        FloatMatrix m = FloatMatrix.create(6, 7);
        PhotoFit.fill(p, m, 0, 0, 6, 7, 0, 0);
        // Centred: floor((2 - 6) / 2) = -2 rows and floor((3 - 7) / 2) = -2 columns before the photograph.
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 7; c++) {
                float expected = 100f * Border.REFLECT_101.resolve(r - 2, 2) + Border.REFLECT_101.resolve(c - 2, 3);
                assertWithMessage("at %s, %s", r, c).that(m.get(r, c)).isEqualTo(expected);
            }
        }
        assertWithMessage("the photograph itself, unchanged").that(new float[] {m.get(2, 2), m.get(2, 4), m.get(3, 3)})
                .isEqualTo(new float[] {0f, 2f, 101f});
        assertWithMessage("mirrored without repeating the edge").that(new float[] {m.get(2, 5), m.get(2, 1), m.get(4, 2)})
                .isEqualTo(new float[] {1f, 1f, 0f});
    }

    @Test
    void theMosaicSideIsTheCeilingOfTheSquareRoot() {
        int[][] cases = {{1, 1}, {2, 2}, {4, 2}, {5, 3}, {9, 3}, {10, 4}, {14, 4}, {16, 4}, {17, 5}, {10_000, 100}};
        for (int[] c : cases) {
            assertWithMessage("side for %s images", c[0]).that(PhotoFit.mosaicSide(c[0])).isEqualTo(c[1]);
        }
        assertThrows(IllegalArgumentException.class, () -> PhotoFit.mosaicSide(0));
    }

    /** Image {@code i} of the mosaic tests: grey levels from 20 i to 20 i + 9, so a cell shows whose it is. */
    private static BufferedImage banded(int i, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.getRaster().setSample(x, y, 0, 20 * i + (3 * x + 7 * y) % 10);
            }
        }
        return img;
    }

    private static PhotoFile inMemory(String name, BufferedImage img) throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        byte[] bytes = png.toByteArray();
        return new PhotoFile(name, () -> new ByteArrayInputStream(bytes));
    }

    @Test
    void theMosaicFillsItsCellsRowByRowAndComesRoundWithAnotherCrop() throws Exception {
        int[][] sizes = {{30, 20}, {8, 8}, {50, 50}, {12, 40}, {25, 25}};
        List<PhotoFile> files = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            files.add(inMemory("image" + i + ".png", banded(i, sizes[i][0], sizes[i][1])));
        }
        int n = 50; // 3 x 3 cells for 5 images, with edges at 0, 16, 33, 50
        FloatMatrix m = PhotoFit.mosaic(files, n, "five images");
        int[] edges = {0, 16, 33, 50};
        for (int cell = 0; cell < 9; cell++) {
            int image = cell % sizes.length;
            for (int r = edges[cell / 3]; r < edges[cell / 3 + 1]; r++) {
                for (int c = edges[cell % 3]; c < edges[cell % 3 + 1]; c++) {
                    assertWithMessage("cell %s at %s, %s", cell, r, c).that(m.get(r, c))
                            .isIn(com.google.common.collect.Range.closed(20f * image, 20f * image + 9));
                }
            }
        }
        // Cell 0 is image 0 (30 x 20) centre-cropped to 16 x 16: 2 rows and 7 columns cut off.
        BufferedImage first = banded(0, 30, 20);
        for (int r = 0; r < 16; r++) {
            for (int c = 0; c < 16; c++) {
                assertWithMessage("cell 0 at %s, %s", r, c).that(m.get(r, c))
                        .isEqualTo((float) first.getRaster().getSample(7 + c, 2 + r, 0));
            }
        }
        // Cell 5 (middle row, right) shows image 0 again, its window moved by half a cell: another picture.
        float[] cell0 = m.region(0, 0, 16, 16).toArray();
        float[] cell5 = m.region(16, 33, 16, 16).toArray();
        assertWithMessage("a repeated image's cell").that(Arrays.equals(cell0, cell5)).isFalse();
        assertWithMessage("the same mosaic again").that(PhotoFit.mosaic(files, n, "five images").toArray())
                .isEqualTo(m.toArray());
    }

    @Test
    void aMosaicNeedsAPixelPerCell() throws Exception {
        List<PhotoFile> files = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            files.add(inMemory("image" + i + ".png", banded(i, 4, 4)));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PhotoFit.mosaic(files, 2, "--input dir (5 images)"));
        assertThat(e).hasMessageThat().isEqualTo("--size 2 is smaller than the 3 x 3 mosaic of --input dir (5 images);"
                + " give at least 3");
        assertThat(PhotoFit.mosaic(files, 3, "five").toArray()).hasLength(9);
    }
}
