package dev.shmt.apps;

import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import java.util.List;

/**
 * One bundled benchmark of {@code ./shmt bench}: its VOP calls, a deterministic input, and a
 * double-precision reference to measure the quality of what the devices computed. Implementations are
 * found with {@link java.util.ServiceLoader} ({@link Apps#all}): each is declared a provider of this
 * interface ({@code @AutoService(BenchApp.class)} writes the declaration) and has a public no-argument
 * constructor.
 */
public interface BenchApp {
    /** The name users type: {@code blackscholes}, {@code sobel}, {@code fft}. */
    String name();

    /**
     * What the app computes, in one line for {@code ./shmt bench --help} after its name (for example "Sobel
     * gradient magnitude of an N x N image").
     */
    String description();

    /**
     * Where this app comes among the others: {@code ./shmt bench} runs and lists them in ascending order,
     * ties by name ({@link Apps#all}). The bundled ones are 10, 20, ..., in the order they always ran; an app
     * that does not say comes after them.
     */
    default int order() {
        return Integer.MAX_VALUE;
    }

    /** What {@code size} counts, for messages and tables (for example "options", "N x N image"). */
    String sizeUnit();

    /** The size {@code ./shmt bench} runs without {@code --size}: all ten together take about three minutes on 2 cores. */
    int defaultSize();

    /**
     * The tile hint without {@code --tile}, in the unit {@link #hint} reads it: one that {@link #hint}
     * accepts for {@code size}, so {@code ./shmt bench --size N} works for any size the app takes.
     */
    int defaultTile(int size);

    /**
     * Throws {@link IllegalArgumentException} with a one-line message when this app cannot take
     * {@code size} (for example an FFT size that is not a power of two), before anything is built.
     */
    void checkSize(int size);

    /**
     * Throws {@link IllegalArgumentException} with a one-line message when {@code tile} makes no sense
     * for {@code size}; otherwise passes it to {@code builder} as this app's partition reads it (tile
     * side, rows per HLOP or elements per chunk).
     */
    void hint(Shmt.Builder builder, int tile, int size);

    /** Generates the input from {@code seed} and computes the reference; the output buffers are allocated here, once. */
    Instance prepare(int size, long seed);

    /**
     * Whether {@link #prepare(int, long, Input)} takes an image from a file, a directory or the bundled
     * photographs ({@code ./shmt bench --input}); false for an app whose input is no image (options, a
     * chip's power map).
     */
    default boolean takesImageInput() {
        return false;
    }

    /**
     * As {@link #prepare(int, long)}, with the input made from {@code input}: an app that
     * {@link #takesImageInput} computes its reference on the loaded image exactly as on the generated one.
     *
     * @throws IllegalArgumentException when {@code input} is not generated and this app takes no image, or
     *     the image cannot be read
     */
    default Instance prepare(int size, long seed, Input input) {
        if (input == null) {
            throw new IllegalArgumentException("input must not be null; Input.generated() is the app's own input");
        }
        if (input.isGenerated()) {
            return prepare(size, seed);
        }
        throw new IllegalArgumentException(name() + " takes no image input: its input (" + sizeUnit()
                + ") is generated from --seed; run it without --input " + input);
    }

    /** One prepared problem: run as often as wanted, each run overwriting the same output. */
    interface Instance {
        /** Runs the app once on {@code rt}: one or more VOP calls (and any host steps between them), their reports in order. */
        List<Report> run(Shmt rt);

        /**
         * Fills the output with NaN, so that a cell the next run does not write shows in its quality
         * instead of an earlier run's result. Untimed: the bench calls it before the run it measures the
         * quality of, never inside a timed one.
         */
        void clearOutput();

        /** The last run's output against the reference. */
        Quality quality();

        /**
         * The fastest Java library that computes the same result on one CPU thread, where one is faster
         * than or as fast as our CPU kernel: the bench times it beside the policies and measures speedups
         * against it too, so they are against the best implementation a user could pick. Null when our
         * kernel is the best known (the Sobel and Black-Scholes comparisons).
         */
        default Library library() {
            return null;
        }
    }

    /** A library's implementation of an app, on the calling thread, with its own output buffer. */
    interface Library {
        /** {@code lib:<name>}, as the row is labelled. */
        String name();

        /**
         * Why the library cannot run here (it is not on the class path, say), for the row that says so;
         * null when it can.
         */
        default String unavailable() {
            return null;
        }

        void run();

        /** The last run's output against the app's reference. */
        Quality quality();
    }

    /**
     * How close an output is to the double-precision reference, computed with
     * {@link dev.shmt.runtime.quality.Quality}: error_rate and RMSE as fractions and in output units,
     * MAPE in percent over the reference values the app says are meaningful (zeros always skipped; an
     * app may skip more, such as option prices below a cent, and says so), SSIM null where the output
     * is not an image, and the SHMT paper's MAPE ({@link dev.shmt.runtime.quality.Quality#paperMape}; NaN
     * where the app does not give it).
     */
    record Quality(double errorRate, double mapePercent, Double ssim, double rmse, double paperMapePercent) {
        /** Without the paper's MAPE (NaN). */
        public Quality(double errorRate, double mapePercent, Double ssim, double rmse) {
            this(errorRate, mapePercent, ssim, rmse, Double.NaN);
        }
    }
}
