package dev.shmt.spark;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Images as files: any format ImageIO reads in (grey as it is, colour as its luma, ITU-R BT.601), 8-bit
 * grey PNG out (each value rounded to the nearest integer and clamped to [0, 255]).
 */
public final class Pngs {
    private Pngs() {}

    /**
     * @throws IllegalArgumentException naming the file when its bytes are not an image ImageIO reads
     */
    public static FloatImage decode(String name, byte[] bytes) {
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": not a readable image: " + e.getMessage(), e);
        }
        if (img == null) {
            throw new IllegalArgumentException(name + ": not an image format ImageIO reads (PNG, JPEG, BMP, GIF)");
        }
        int rows = img.getHeight();
        int cols = img.getWidth();
        float[] px = new float[rows * cols];
        Raster r = img.getRaster();
        if (r.getNumBands() == 1) {
            r.getSamples(0, 0, cols, rows, 0, px);
        } else {
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    int rgb = img.getRGB(x, y);
                    px[y * cols + x] = Math.round(0.299f * ((rgb >> 16) & 0xff) + 0.587f * ((rgb >> 8) & 0xff)
                            + 0.114f * (rgb & 0xff));
                }
            }
        }
        return new FloatImage(name, rows, cols, px);
    }

    /** The image as an 8-bit grey PNG. */
    public static byte[] encode(FloatImage image) {
        BufferedImage img = new BufferedImage(image.cols(), image.rows(), BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = img.getRaster();
        int[] row = new int[image.cols()];
        float[] px = image.pixels();
        for (int y = 0; y < image.rows(); y++) {
            for (int x = 0; x < row.length; x++) {
                float v = px[y * row.length + x];
                row[x] = v >= 255f ? 255 : v > 0f ? Math.round(v) : 0; // NaN reads as 0
            }
            r.setSamples(0, y, row.length, 1, 0, row);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
