package dev.shmt.spark.batch;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.spark.FloatImage;
import java.util.Arrays;
import java.util.List;

/**
 * Images of one width stacked into one tall matrix, so that one VOP call (and large HLOPs) covers many
 * small images. Between two images lie at least {@code 2 * halo} rows: the lower {@code halo} rows above
 * each image and the {@code halo} rows below it hold what the VOP's border rule would read past that
 * image's own edge, so every cell of an image reads exactly the neighbours it reads when the image is
 * run alone, and an exact device gives bitwise the same result. Each image starts at a row that is a
 * multiple of {@value #ALIGN}, so VOPs whose result depends on a cell's position within blocks of up to
 * 8 rows (DCT8x8's blocks, a wavelet's even and odd rows) see the same blocks.
 */
public final class Stack {
    /** Images start at rows that are multiples of this. */
    public static final int ALIGN = 8;

    private final int cols;
    private final int halo;
    private final int[] startRow;
    private final int rows;

    private Stack(int cols, int halo, int[] startRow, int rows) {
        this.cols = cols;
        this.halo = halo;
        this.startRow = startRow;
        this.rows = rows;
    }

    /** The layout of {@code images}, all {@code cols} wide. */
    public static Stack layout(List<FloatImage> images, int halo) {
        int[] start = new int[images.size()];
        long row = 0;
        int cols = images.get(0).cols();
        for (int i = 0; i < images.size(); i++) {
            FloatImage im = images.get(i);
            if (im.cols() != cols) {
                throw new IllegalArgumentException("images: a stack needs one width, got " + cols + " and " + im.cols()
                        + " (" + im.name() + ")");
            }
            if (i > 0) {
                row = align(row + 2L * halo);
            }
            start[i] = Math.toIntExact(row);
            row += im.rows();
        }
        return new Stack(cols, halo, start, Math.toIntExact(row));
    }

    /** Rows the stacked matrix of {@code rows} more rows after {@code stackedRows} would have. */
    public static long rowsWith(long stackedRows, int rows, int halo) {
        return stackedRows == 0 ? rows : align(stackedRows + 2L * halo) + rows;
    }

    private static long align(long row) {
        return (row + ALIGN - 1) / ALIGN * ALIGN;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public long cells() {
        return (long) rows * cols;
    }

    /**
     * Writes {@code images} and the rows around each that their border rule reads into {@code into}
     * (at least {@link #cells()} long); rows between that no image reads are zeroed.
     */
    public void fill(List<FloatImage> images, Border border, float[] into) {
        int next = 0; // first row not yet written
        for (int i = 0; i < images.size(); i++) {
            FloatImage im = images.get(i);
            int top = startRow[i];
            int above = i == 0 ? 0 : Math.min(halo, top - next);
            Arrays.fill(into, next * cols, (top - above) * cols, 0f);
            for (int k = above; k >= 1; k--) {
                copyBorderRow(im, -k, border, into, top - k);
            }
            System.arraycopy(im.pixels(), 0, into, top * cols, im.pixels().length);
            next = top + im.rows();
            if (i + 1 < images.size()) {
                int below = Math.min(halo, startRow[i + 1] - next - halo);
                for (int k = 0; k < below; k++) {
                    copyBorderRow(im, im.rows() + k, border, into, next + k);
                }
                next += below;
            }
        }
    }

    /** Image {@code i}'s part of the stacked result {@code from}, as a new image with the same name. */
    public FloatImage extract(List<FloatImage> images, int i, float[] from) {
        FloatImage im = images.get(i);
        float[] out = new float[im.pixels().length];
        System.arraycopy(from, startRow[i] * cols, out, 0, out.length);
        return new FloatImage(im.name(), im.rows(), im.cols(), out);
    }

    /** A view of the stacked matrix in {@code data}. */
    public FloatMatrix matrix(float[] data) {
        return FloatMatrix.wrap(data, 0, rows, cols, cols);
    }

    private void copyBorderRow(FloatImage im, int row, Border border, float[] into, int at) {
        int src = border.resolve(row, im.rows());
        if (src < 0) {
            Arrays.fill(into, at * cols, (at + 1) * cols, 0f);
        } else {
            System.arraycopy(im.pixels(), src * cols, into, at * cols, cols);
        }
    }
}
