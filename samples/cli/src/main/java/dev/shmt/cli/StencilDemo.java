package dev.shmt.cli;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.apps.common.Images;
import dev.shmt.apps.sobel.Sobel;
import dev.shmt.apps.sobel.SobelVops;
import dev.shmt.examples.Filters;
import dev.shmt.examples.FiltersVops;
import dev.shmt.runtime.quality.Quality;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code ./shmt demo}: {@link Filters#blur5} (a 5 x 5 box blur, halo 2, REFLECT_101) over a structured
 * image, run tiled on every available device through the generated {@code FiltersVops}, and checked bit
 * for bit against the annotated method called on the whole image. {@code --vop sharpen3} runs
 * {@link Filters#sharpen3}, which the NPU also takes (int8), and reports how close the result is;
 * {@code --vop sobel} does the same for {@link Sobel#sobel} on an {@link Images#structured} image.
 */
public final class StencilDemo {
    static final String USAGE =
            "usage: ./shmt demo [--vop blur5|sharpen3|sobel] [--size N] [--tile T] [--policy P] [--cpu-threads N] [--repeat R]";

    private StencilDemo() {}

    public static int run(String[] args, PrintStream out) {
        int size = 1500;
        int tile = 0; // unset: 256, or the image's height when that is smaller
        int repeat = 3;
        int cpuThreads = Runtime.getRuntime().availableProcessors();
        String policy = "ws";
        String vop = "blur5";
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--size": size = positive(args[i], v); i++; break;
                case "--tile": tile = positive(args[i], v); i++; break;
                case "--policy": policy = need(args[i], v); i++; break;
                case "--cpu-threads": cpuThreads = positive(args[i], v); i++; break;
                case "--repeat": repeat = positive(args[i], v); i++; break;
                case "--vop": vop = need(args[i], v); i++; break;
                case "-h":
                case "--help":
                    out.println(USAGE);
                    return 0;
                default: throw new IllegalArgumentException("demo: unknown option " + args[i] + "; " + USAGE);
            }
        }
        // The runtime refuses a tile hint larger than the image, so a tile given is checked here, where
        // the user typed it, and the default fits small sizes.
        if (tile == 0) {
            tile = Math.min(256, size);
        } else if (tile > size) {
            throw new IllegalArgumentException("demo: --tile must be at most the image's " + size + " rows (--size"
                    + " " + size + " makes a " + size + " x " + (size + 37) + " image), got " + tile);
        }
        boolean exact;
        switch (vop) {
            case "blur5": exact = true; break;
            case "sharpen3":
            case "sobel": exact = false; break;
            default: throw new IllegalArgumentException("--vop must be blur5, sharpen3 or sobel, got '" + vop + "'");
        }
        boolean sobel = vop.equals("sobel");
        // SobelNpu is calibrated for structured images' [0, 255]; the filters' image strays past it.
        FloatMatrix src = (sobel ? Images.structured(size, size + 37, 42) : image(size, size + 37, 42))
                .withBorder(Border.REFLECT_101);
        FloatMatrix ref = FloatMatrix.create(src.rows(), src.cols());
        long t0 = System.nanoTime();
        switch (vop) {
            case "blur5": Filters.blur5(src, ref); break;
            case "sharpen3": Filters.sharpen3(src, ref); break;
            default: Sobel.sobel(src, ref);
        }
        long refNanos = System.nanoTime() - t0;

        try (Shmt rt = Shmt.builder().policy(policy).cpuThreads(cpuThreads).tileHint(tile, tile).build()) {
            out.println("devices:");
            rt.devices().forEach(d -> out.println("  " + d));
            FloatMatrix dst = FloatMatrix.create(src.rows(), src.cols());
            Report report = null;
            for (int i = 0; i < repeat; i++) {
                Arrays.fill(dst.array(), Float.NaN);
                switch (vop) {
                    case "blur5": report = FiltersVops.blur5(rt, src, dst); break;
                    case "sharpen3": report = FiltersVops.sharpen3(rt, src, dst); break;
                    default: report = SobelVops.sobel(rt, src, dst);
                }
            }
            out.printf(Locale.ROOT, "%n%s %d x %d, tile %d, %d run(s); untiled reference on one thread: %.1f ms%n",
                    vop, src.rows(), src.cols(), tile, repeat, refNanos / 1e6);
            out.print(report.toTable());
            float[] got = dst.toArray();
            float[] want = ref.toArray();
            if (exact) {
                boolean same = Arrays.equals(got, want);
                out.println("tiled result " + (same ? "is bitwise identical to" : "DIFFERS from") + " the untiled reference");
                return same ? 0 : 1;
            }
            // int8 HLOPs are approximate by design: say how close, against the fp32 reference.
            // PSNR against the largest value the output can take: 255 for sharpen3's image, the Sobel
            // magnitude of a full-range step (4 x 255 in both Gx and Gy) for sobel.
            double peak = sobel ? 4 * Images.MAX * Math.sqrt(2) : 255;
            out.printf(Locale.ROOT, "against the untiled fp32 reference: error_rate %.5f, RMSE %.4f, PSNR %.1f dB (range %.0f)%n",
                    Quality.errorRate(got, want), Quality.rmse(got, want), Quality.psnr(got, want, peak), peak);
            boolean written = true;
            for (float v : got) {
                written &= !Float.isNaN(v);
            }
            // A sanity limit, not the accuracy claim: an HLOP left unwritten or a broken model fails it.
            return written && Quality.errorRate(got, want) < 0.05 ? 0 : 1;
        }
    }

    private static String need(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(need(option, value));
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a whole number >= 1, got '" + value + "'");
    }

    /** Gradients, a bright disc, a hard-edged square and seeded noise: tiles differ as in real images. */
    static FloatMatrix image(int rows, int cols, long seed) {
        FloatMatrix m = FloatMatrix.create(rows, cols);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float v = 64f * r / rows + 32f * c / cols;
                double dr = r - rows * 0.3, dc = c - cols * 0.6;
                if (dr * dr + dc * dc < (rows * 0.15) * (rows * 0.15)) {
                    v += 120f;
                }
                if (r > rows / 2 && r < rows * 3 / 4 && c > cols / 8 && c < cols / 3) {
                    v = 10f;
                }
                m.set(r, c, v + (float) rnd.nextGaussian() * 4f);
            }
        }
        return m;
    }
}
