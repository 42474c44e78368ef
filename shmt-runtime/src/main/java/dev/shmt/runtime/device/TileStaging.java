package dev.shmt.runtime.device;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Region;
import java.nio.FloatBuffer;
import java.util.Objects;

/**
 * Copies a tile and its halo into a dense staging buffer, the way devices with their own memory take
 * their input (section 3.3.2 of the paper: cudaMemcpy2D-style copies of each partition). Halo cells
 * come from the neighbouring tiles, or by the border rule at the whole matrix's edge, so the staged
 * tile reads exactly as {@code src.tile(tile, halo)} does.
 */
public final class TileStaging {
    private TileStaging() {}

    /** Elements a staged {@code tile} with {@code halo} needs. */
    public static int stagedSize(Region tile, int halo) {
        return (tile.rows() + 2 * halo) * (tile.cols() + 2 * halo);
    }

    /**
     * Writes the {@code (rows + 2 halo) x (cols + 2 halo)} block around {@code tile} (a region of
     * {@code src}) into {@code dst} from {@code dstOffset}, row-major and dense.
     */
    public static void gather(FloatMatrix src, Region tile, int halo, float[] dst, int dstOffset) {
        Objects.requireNonNull(dst, "dst");
        check(src, tile, halo, dst.length, dstOffset);
        gather(src, tile, halo, dstOffset, new Sink() {
            @Override
            public void copy(float[] from, int at, int to, int n) {
                System.arraycopy(from, at, dst, to, n);
            }

            @Override
            public void set(int to, float v) {
                dst[to] = v;
            }
        });
    }

    /**
     * As {@link #gather(FloatMatrix, Region, int, float[], int)}, into a buffer (such as page-locked
     * memory a GPU copies from) at absolute positions; the buffer's position is left alone.
     */
    public static void gather(FloatMatrix src, Region tile, int halo, FloatBuffer dst, int dstOffset) {
        Objects.requireNonNull(dst, "dst");
        check(src, tile, halo, dst.limit(), dstOffset);
        gather(src, tile, halo, dstOffset, new Sink() {
            @Override
            public void copy(float[] from, int at, int to, int n) {
                dst.put(to, from, at, n);
            }

            @Override
            public void set(int to, float v) {
                dst.put(to, v);
            }
        });
    }

    /** Where staged cells go: bulk for the part of a row inside the matrix, one by one for border cells. */
    private interface Sink {
        void copy(float[] from, int at, int to, int n);

        void set(int to, float v);
    }

    private static void check(FloatMatrix src, Region tile, int halo, int capacity, int dstOffset) {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(tile, "tile");
        if (halo < 0) {
            throw new IllegalArgumentException("halo must be >= 0, got " + halo);
        }
        if (tile.row() + tile.rows() > src.rows() || tile.col() + tile.cols() > src.cols()) {
            throw new IllegalArgumentException("tile " + tile + " is not inside a " + src.rows() + " x " + src.cols() + " matrix");
        }
        if (dstOffset < 0 || (long) dstOffset + stagedSize(tile, halo) > capacity) {
            throw new IllegalArgumentException("dst needs " + stagedSize(tile, halo) + " elements from " + dstOffset
                    + " but has " + capacity);
        }
    }

    private static void gather(FloatMatrix src, Region tile, int halo, int dstOffset, Sink dst) {
        int width = tile.cols() + 2 * halo;
        float[] data = src.array();
        int stride = src.stride();
        int wholeRows = src.wholeRows();
        int wholeCols = src.wholeCols();
        int base = src.offset() - src.originRow() * stride - src.originCol(); // whole matrix's (0, 0)
        Border border = src.border();
        int row0 = src.originRow() + tile.row() - halo; // whole coordinates of the staged block
        int col0 = src.originCol() + tile.col() - halo;
        // Columns [inLo, inHi) of the block lie inside the whole matrix: one bulk copy per row.
        int inLo = Math.max(0, -col0);
        int inHi = Math.max(inLo, Math.min(width, wholeCols - col0));
        for (int i = 0; i < tile.rows() + 2 * halo; i++) {
            int to = dstOffset + i * width;
            int rr = border.resolve(row0 + i, wholeRows);
            if (rr < 0) {
                for (int j = 0; j < width; j++) {
                    dst.set(to + j, 0f);
                }
                continue;
            }
            int rowStart = base + rr * stride;
            for (int j = 0; j < inLo; j++) {
                dst.set(to + j, cell(data, rowStart, border, col0 + j, wholeCols));
            }
            dst.copy(data, rowStart + col0 + inLo, to + inLo, inHi - inLo);
            for (int j = inHi; j < width; j++) {
                dst.set(to + j, cell(data, rowStart, border, col0 + j, wholeCols));
            }
        }
    }

    private static float cell(float[] data, int rowStart, Border border, int col, int wholeCols) {
        int cc = border.resolve(col, wholeCols);
        return cc < 0 ? 0f : data[rowStart + cc];
    }

    /**
     * A view of a staged block that reads like the original tile view: {@code get(r, c)} for {@code r}
     * in {@code [-halo, rows + halo)} answers from the staged halo.
     */
    public static FloatMatrix stagedView(float[] staged, int offset, Region tile, int halo) {
        int h = tile.rows() + 2 * halo;
        int w = tile.cols() + 2 * halo;
        return FloatMatrix.wrap(staged, offset, h, w, w).tile(new Region(halo, halo, tile.rows(), tile.cols()), halo);
    }
}
