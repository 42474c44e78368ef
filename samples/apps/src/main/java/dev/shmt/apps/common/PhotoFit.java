package dev.shmt.apps.common;

import dev.shmt.api.FloatMatrix;
import java.util.List;

/**
 * Fits photographs of any size into an N x N image: one photograph centre-cropped where it is larger
 * and mirrored (reflect-101, as {@link dev.shmt.api.Border#REFLECT_101} reads past an edge) where it is
 * smaller; several as a mosaic of k x k such cells.
 */
final class PhotoFit {
    private PhotoFit() {}

    /**
     * The side k of the mosaic of {@code images} photographs: the smallest with k x k at least that many
     * cells.
     */
    static int mosaicSide(int images) {
        if (images < 1) {
            throw new IllegalArgumentException("a mosaic needs at least one image, got " + images);
        }
        int k = (int) Math.ceil(Math.sqrt(images));
        while (k * k < images) {
            k++;
        }
        while ((k - 1) * (k - 1) >= images) {
            k--;
        }
        return k;
    }

    /**
     * Fills the {@code rows x cols} block of {@code dst} at {@code row0}, {@code col0} with {@code photo}'s
     * centre, moved down by {@code shiftRows} and right by {@code shiftCols}; where the window leaves the
     * photograph, the photograph mirrored.
     */
    static void fill(Photo photo, FloatMatrix dst, int row0, int col0, int rows, int cols, int shiftRows,
                     int shiftCols) {
        int top = Math.floorDiv(photo.height() - rows, 2) + shiftRows;
        int left = Math.floorDiv(photo.width() - cols, 2) + shiftCols;
        int[] from = new int[cols];
        for (int c = 0; c < cols; c++) {
            from[c] = reflect101(left + c, photo.width());
        }
        float[] grey = photo.grey();
        float[] out = dst.array();
        for (int r = 0; r < rows; r++) {
            int src = reflect101(top + r, photo.height()) * photo.width();
            int to = dst.offset() + (row0 + r) * dst.stride() + col0;
            for (int c = 0; c < cols; c++) {
                out[to + c] = grey[src + from[c]];
            }
        }
    }

    /**
     * A {@code size x size} mosaic of {@code files}, in their order, row by row over k x k cells (k =
     * {@link #mosaicSide}); with more cells than files the files come round again, each repeat's window
     * moved by half a cell down and right so that it shows another part of the photograph. Cell edges are
     * at {@code i * size / k}, so cells differ by at most a pixel. Each file is decoded once.
     *
     * @throws IllegalArgumentException when {@code size} is less than k (a cell would be empty)
     */
    static FloatMatrix mosaic(List<PhotoFile> files, int size, String what) {
        int n = files.size();
        int k = mosaicSide(n);
        if (size < k) {
            throw new IllegalArgumentException("--size " + size + " is smaller than the " + k + " x " + k + " mosaic of "
                    + what + "; give at least " + k);
        }
        FloatMatrix m = FloatMatrix.create(size, size);
        for (int f = 0; f < n; f++) {
            Photo photo = files.get(f).read();
            for (int cell = f; cell < k * k; cell += n) {
                int round = cell / n;
                int r0 = edge(cell / k, size, k);
                int r1 = edge(cell / k + 1, size, k);
                int c0 = edge(cell % k, size, k);
                int c1 = edge(cell % k + 1, size, k);
                fill(photo, m, r0, c0, r1 - r0, c1 - c0, round * ((r1 - r0) / 2), round * ((c1 - c0) / 2));
            }
        }
        return m;
    }

    /** One photograph as the whole {@code size x size} image. */
    static FloatMatrix single(PhotoFile file, int size) {
        FloatMatrix m = FloatMatrix.create(size, size);
        fill(file.read(), m, 0, 0, size, size, 0, 0);
        return m;
    }

    /** Where band {@code i} of {@code k} starts along a side of {@code size}. */
    static int edge(int i, int size, int k) {
        return (int) ((long) i * size / k);
    }

    /** {@link dev.shmt.api.Border#REFLECT_101}'s index, in one step however far outside: a period of 2n - 2. */
    static int reflect101(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * n - 2;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }
}
