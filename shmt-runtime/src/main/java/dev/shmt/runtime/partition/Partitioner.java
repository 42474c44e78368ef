package dev.shmt.runtime.partition;

import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a VOP call into HLOP regions by its partition model. Sizes come from the runtime's hints,
 * else the VOP's, else the defaults below.
 *
 * <p>The two kinds of hint differ when they exceed the data. A VOP's own hint ({@code @Vop(tileRows =
 * ...)}, carried by {@link VopCall}) and the defaults are written before the data is known, so they are
 * cut down to the data. A runtime's hint ({@code Shmt.builder().tileHint(..)} or {@code chunkHint(..)})
 * is the exact size whoever deploys the runtime asked for: one larger than a call's data is refused at
 * that call with an {@link IllegalArgumentException}, before anything is scheduled, rather than
 * silently run as one HLOP.
 *
 * <p>A VOP whose body works on fixed blocks declares a tile multiple ({@code @Vop(tileMultiple = 8)},
 * {@link VopCall#tileMultiple()}): every tile size picked above, whichever hint it came from, is then
 * rounded down to a multiple of it, and never below one multiple, so each HLOP starts on a block boundary.
 * Only the last tile at the matrix's edge may be shorter: it takes what remains.
 */
public final class Partitioner {
    /** Floats in one 4 KiB page: 1-D chunks are whole pages (section 3.4 of the paper). */
    public static final int PAGE_FLOATS = 1024;
    /** Default elements per 1-D HLOP: 64 pages, large enough to amortise scheduling. */
    public static final int DEFAULT_CHUNK = 64 * PAGE_FLOATS;
    /** Default tile edge: a 256 x 256 tile is 64 pages and gives several tiles per core on mid-size images. */
    public static final int DEFAULT_TILE = 256;

    private Partitioner() {}

    /**
     * The call's HLOP regions, in index order.
     *
     * @throws IllegalArgumentException when a runtime hint is larger than the call's data: a tile hint
     *     taller or wider than a TILE_2D matrix, taller than a ROWS matrix, or a chunk hint longer than a
     *     1-D call
     */
    public static List<Region> split(VopCall call, Hints hints) {
        return split(call, hints, 0);
    }

    /**
     * As {@link #split(VopCall, Hints)}, with the size picked there scaled by {@code 2^scale} (a policy
     * trying tiles half or twice as large): cut down to the data, never below one element, one page of a
     * chunk or one tile multiple.
     */
    public static List<Region> split(VopCall call, Hints hints, int scale) {
        checkRuntimeHints(call, hints);
        switch (call.partition()) {
            case ELEMENTWISE:
            case REDUCE:
                return chunks(call.cols(), Math.max(PAGE_FLOATS,
                        scaled(pick(hints.chunk(), call.chunk(), DEFAULT_CHUNK), scale, call.cols())));
            case TILE_2D:
                return tiles(call.rows(), call.cols(),
                        multipleOf(call.tileMultiple(), scaled(pick(hints.tileRows(), call.tileRows(), DEFAULT_TILE),
                                scale, call.rows())),
                        multipleOf(call.tileMultiple(), scaled(pick(hints.tileCols(), call.tileCols(), DEFAULT_TILE),
                                scale, call.cols())));
            case ROWS:
                int defaultRows = Math.max(1, DEFAULT_CHUNK / call.cols());
                return rowBlocks(call.rows(), call.cols(), multipleOf(call.tileMultiple(),
                        scaled(pick(hints.tileRows(), call.tileRows(), defaultRows), scale, call.rows())));
            default:
                throw new AssertionError(call.partition());
        }
    }

    /** Refuses a runtime hint larger than this call's data (see the class comment for why). */
    private static void checkRuntimeHints(VopCall call, Hints hints) {
        String vop = call.name() + ": the runtime's ";
        switch (call.partition()) {
            case ELEMENTWISE, REDUCE -> {
                if (hints.chunk() > call.cols()) {
                    throw new IllegalArgumentException(vop + "chunkHint must be at most the call's length "
                            + call.cols() + ", got " + hints.chunk());
                }
            }
            case TILE_2D -> {
                if (hints.tileRows() > call.rows() || hints.tileCols() > call.cols()) {
                    throw new IllegalArgumentException(vop + "tileHint must fit in the " + call.rows() + " x "
                            + call.cols() + " matrix, got " + hints.tileRows() + " x " + hints.tileCols());
                }
            }
            case ROWS -> {
                if (hints.tileRows() > call.rows()) {
                    throw new IllegalArgumentException(vop + "tileHint must be at most the " + call.rows()
                            + " rows of the " + call.rows() + " x " + call.cols() + " matrix, got "
                            + hints.tileRows() + " rows per HLOP");
                }
            }
        }
    }

    /** {@code size} times {@code 2^scale}, at least 1 and, when scaled up, at most {@code limit}. */
    static int scaled(int size, int scale, int limit) {
        if (scale == 0) {
            return size;
        }
        long s = scale > 0 ? Math.min((long) size << scale, Math.max(size, limit)) : Math.max(1, size >> -scale);
        return (int) s;
    }

    private static int pick(int runtimeHint, int vopHint, int fallback) {
        return runtimeHint > 0 ? runtimeHint : vopHint > 0 ? vopHint : fallback;
    }

    /**
     * {@code size} rounded down to a multiple of {@code multiple}, but at least {@code multiple}; {@code size}
     * itself when {@code multiple} is 0 (the VOP takes any size).
     */
    static int multipleOf(int multiple, int size) {
        return multiple <= 1 ? size : Math.max(multiple, size / multiple * multiple);
    }

    /** Chunks of {@code chunk} elements rounded up to whole pages; the last one takes the rest. */
    static List<Region> chunks(int length, int chunk) {
        long pages = ((long) chunk + PAGE_FLOATS - 1) / PAGE_FLOATS;
        int size = (int) Math.min(length, pages * PAGE_FLOATS);
        List<Region> out = new ArrayList<>((int) ((length + (long) size - 1) / size));
        for (long start = 0; start < length; start += size) {
            out.add(Region.span((int) start, (int) Math.min(size, length - start)));
        }
        return out;
    }

    /** Row-major tiles; edge tiles are smaller when the shape does not divide. */
    static List<Region> tiles(int rows, int cols, int tileRows, int tileCols) {
        int tr = Math.min(tileRows, rows);
        int tc = Math.min(tileCols, cols);
        List<Region> out = new ArrayList<>(((rows + tr - 1) / tr) * ((cols + tc - 1) / tc));
        // long counters: r + tr may pass Integer.MAX_VALUE on the last step
        for (long r = 0; r < rows; r += tr) {
            for (long c = 0; c < cols; c += tc) {
                out.add(new Region((int) r, (int) c, (int) Math.min(tr, rows - r), (int) Math.min(tc, cols - c)));
            }
        }
        return out;
    }

    static List<Region> rowBlocks(int rows, int cols, int rowsPerHlop) {
        int n = Math.min(rowsPerHlop, rows);
        List<Region> out = new ArrayList<>((rows + n - 1) / n);
        for (long r = 0; r < rows; r += n) {
            out.add(new Region((int) r, 0, (int) Math.min(n, rows - r), cols));
        }
        return out;
    }
}
