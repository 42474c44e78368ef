package dev.shmt.apps.common;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;

/**
 * A photograph in grey, row-major, in [{@link Images#MIN}, {@link Images#MAX}] as the generated images
 * are: colour as its BT.601 luma ({@link #luma}), grey levels as they are, each scaled from its bit depth
 * to 0..255 (a 16-bit 65535 is 255). Alpha is ignored.
 *
 * @param name the photograph as messages name it
 */
public record Photo(String name, int width, int height, float[] grey) {
    public Photo {
        if (width < 1 || height < 1 || grey == null || grey.length != (long) width * height) {
            throw new IllegalArgumentException(name + ": expected " + width + " x " + height + " grey values, got "
                    + (grey == null ? "none" : grey.length));
        }
    }

    /** The grey value at {@code row}, {@code col}. */
    public float at(int row, int col) {
        return grey[row * width + col];
    }

    /** BT.601 luma of 0..255 components, as float: the weights sum to 1, so grey stays grey. */
    public static float luma(double r, double g, double b) {
        double y = 0.299 * r + 0.587 * g + 0.114 * b;
        return (float) Math.min(Images.MAX, Math.max(Images.MIN, y));
    }

    /** {@code image} in grey, named {@code name}. */
    static Photo of(String name, BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] out = new float[Math.multiplyExact(w, h)];
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        int space = cm.getColorSpace().getType();
        boolean integral = raster.getTransferType() != DataBuffer.TYPE_FLOAT
                && raster.getTransferType() != DataBuffer.TYPE_DOUBLE;
        // The samples themselves where they are grey levels or RGB components: getRGB would convert a grey
        // colour space as linear light and change every level, and cut 16 bits to 8.
        if (cm instanceof ComponentColorModel && integral && space == ColorSpace.TYPE_GRAY) {
            double scale = scale(cm, 0);
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = (float) Math.min(Images.MAX, row[x] * scale);
                }
            }
        } else if (cm instanceof ComponentColorModel && integral && space == ColorSpace.TYPE_RGB) {
            double sr = scale(cm, 0);
            double sg = scale(cm, 1);
            double sb = scale(cm, 2);
            int[] r = new int[w];
            int[] g = new int[w];
            int[] b = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, r);
                raster.getSamples(0, y, w, 1, 1, g);
                raster.getSamples(0, y, w, 1, 2, b);
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = luma(r[x] * sr, g[x] * sg, b[x] * sb);
                }
            }
        } else {
            // Palettes and packed pixels: their own conversion to 8-bit sRGB.
            int[] argb = new int[w];
            for (int y = 0; y < h; y++) {
                image.getRGB(0, y, w, 1, argb, 0, w);
                for (int x = 0; x < w; x++) {
                    int p = argb[x];
                    out[y * w + x] = luma((p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff);
                }
            }
        }
        return new Photo(name, w, h, out);
    }

    /** What takes component {@code band}'s samples to 0..255. */
    private static double scale(ColorModel cm, int band) {
        return 255.0 / ((1L << cm.getComponentSize(band)) - 1);
    }
}
