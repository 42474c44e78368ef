package dev.shmt.apps.blackscholes;

import com.google.auto.service.AutoService;
import dev.shmt.api.FloatArray;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.apps.BenchApp;
import dev.shmt.runtime.partition.Partitioner;
import java.util.Arrays;
import java.util.List;

/**
 * Blackscholes in {@code ./shmt bench}: call and put prices of {@code size} seeded options listed as
 * chains ({@link Options#chains}: grouped by underlying and expiry, strikes in order) at the
 * benchmark's rate and volatility, one ELEMENTWISE call of {@link Blackscholes#price} per run,
 * split into chunks of {@code tile} options. Quality is measured over calls and puts together.
 */
@AutoService(BenchApp.class)
public final class BlackscholesApp implements BenchApp {
    /**
     * 8M options (twice NVIDIA's sample): large enough that a run is a fraction of a second on the NPU
     * alone, small enough that the app's bench runs and its preparation stay within seconds
     * (docs/measurements.md has the figures).
     */
    public static final int DEFAULT_SIZE = 1 << 23;

    /**
     * 64 pages of options per HLOP (the runtime's default chunk): 128 HLOPs at the default size, enough
     * to steal; 256-page chunks measured no faster.
     */
    public static final int DEFAULT_TILE = 64 * Partitioner.PAGE_FLOATS;

    /** Bytes the prepared problem holds per option: s, x, t, call, put and the reference's call and put, all float. */
    static final int BYTES_PER_OPTION = 7 * Float.BYTES;

    /** The most options: calls and puts share one output array of twice the size. */
    static final int MAX_SIZE = (Integer.MAX_VALUE - 8) / 2;

    /**
     * Reference prices below one cent are left out of MAPE (as well as zeros): deep out-of-the-money
     * options are worth less, down to 1e-87, where any absolute error, even fp32 rounding, is an
     * enormous relative one, so MAPE over them measures nothing (with them, one
     * int8 step makes it astronomical). error_rate and RMSE count every price.
     */
    static final double MAPE_FLOOR = 0.01;

    private static final System.Logger LOG = System.getLogger(BlackscholesApp.class.getName());

    @Override
    public String name() {
        return "blackscholes";
    }

    @Override
    public String description() {
        return "European call and put prices (Black-Scholes formula) of N options";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String sizeUnit() {
        return "options";
    }

    @Override
    public int defaultSize() {
        return DEFAULT_SIZE;
    }

    @Override
    public int defaultTile(int size) {
        return (int) Math.min(DEFAULT_TILE, wholePages(size));
    }

    /** {@code size} rounded up to whole 4 KiB pages of floats, as the ELEMENTWISE partitioner cuts chunks. */
    private static long wholePages(int size) {
        int page = Partitioner.PAGE_FLOATS;
        return ((long) size + page - 1) / page * page;
    }

    @Override
    public void checkSize(int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("blackscholes size must be between 1 and " + MAX_SIZE
                    + " options, got " + size);
        }
        long bytes = (long) BYTES_PER_OPTION * size;
        long max = Runtime.getRuntime().maxMemory();
        if (max != Long.MAX_VALUE && bytes > max / 10 * 9) {
            throw new IllegalArgumentException("blackscholes size " + size + " needs about " + (bytes >> 20)
                    + " MiB of heap (" + BYTES_PER_OPTION + " bytes per option), but the JVM may use at most "
                    + (max >> 20) + " MiB; give it more with -Xmx or pick a smaller size");
        }
    }

    @Override
    public void hint(Shmt.Builder builder, int tile, int size) {
        checkSize(size);
        int page = Partitioner.PAGE_FLOATS;
        if (tile < page || tile % page != 0) {
            throw new IllegalArgumentException("blackscholes tile (options per HLOP) must be a positive multiple of "
                    + page + " (HLOP chunks are whole 4 KiB pages), got " + tile);
        }
        long wholePages = wholePages(size);
        if (tile > wholePages) {
            throw new IllegalArgumentException("blackscholes tile " + tile + " is larger than the " + size
                    + " options (" + wholePages + " in whole pages); use at most " + wholePages);
        }
        // The runtime refuses a chunk hint longer than the call. A tile past the last option ends on the
        // same whole page as the options do, so the length itself cuts the same chunks.
        builder.chunkHint((int) Math.min(tile, size));
    }

    @Override
    public Instance prepare(int size, long seed) {
        checkSize(size);
        prepareNpuModel();
        return new BlackscholesInstance(Options.chains(size, seed));
    }

    /**
     * Trains or loads the NPU model now, so no timed run pays for it. Where that fails (no TFLite on
     * this platform, say) the NPU cannot run either: the failure is logged here, and NPU HLOPs fail at
     * once with the same cause, which the runtime reports, while the other devices still run.
     */
    private static void prepareNpuModel() {
        try {
            BlackscholesNpu.prepare();
        } catch (IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "blackscholes: the NPU model could not be prepared, so NPU HLOPs will"
                    + " fail: " + e);
        }
    }

    /** One prepared problem: inputs, reference and the output buffer, allocated once. */
    static final class BlackscholesInstance implements Instance {
        private final Options options;
        private final int n;
        /** Calls in [0, n), puts in [n, 2n): the output, and what quality() compares in one pass. */
        private final float[] out;
        private final float[] ref;
        private final FloatArray call;
        private final FloatArray put;

        BlackscholesInstance(Options options) {
            this.options = options;
            this.n = options.count();
            this.out = new float[2 * n];
            this.ref = reference(options);
            this.call = FloatArray.wrap(out, 0, n);
            this.put = FloatArray.wrap(out, n, n);
        }

        /** Double-precision prices, a block at a time, rounded to float once: calls, then puts. */
        private static float[] reference(Options o) {
            int n = o.count();
            float[] ref = new float[2 * n];
            int block = Math.min(n, 1 << 16);
            double[] c = new double[block];
            double[] p = new double[block];
            float[] s = o.s().array();
            float[] x = o.x().array();
            float[] t = o.t().array();
            for (int from = 0; from < n; from += block) {
                int count = Math.min(block, n - from);
                BlackscholesReference.price(s, x, t, from, count, Blackscholes.R, Blackscholes.V, c, p);
                for (int j = 0; j < count; j++) {
                    ref[from + j] = (float) c[j];
                    ref[n + from + j] = (float) p[j];
                }
            }
            return ref;
        }

        /** The output: calls in [0, n), puts in [n, 2n). The array itself. */
        float[] output() {
            return out;
        }

        /** The reference, laid out as {@link #output()}. The array itself. */
        float[] reference() {
            return ref;
        }

        @Override
        public List<Report> run(Shmt rt) {
            return List.of(BlackscholesVops.price(rt, options.s(), options.x(), options.t(), Blackscholes.R,
                    Blackscholes.V, call, put));
        }

        @Override
        public void clearOutput() {
            Arrays.fill(call.array(), Float.NaN);
            Arrays.fill(put.array(), Float.NaN);
        }

        @Override
        public Quality quality() {
            int kept = 0;
            for (float r : ref) {
                if (Math.abs(r) >= MAPE_FLOOR) {
                    kept++;
                }
            }
            float[] o = new float[kept];
            float[] r = new float[kept];
            for (int i = 0, j = 0; i < ref.length; i++) {
                if (Math.abs(ref[i]) >= MAPE_FLOOR) {
                    o[j] = out[i];
                    r[j++] = ref[i];
                }
            }
            double mape = kept == 0 ? Double.NaN : dev.shmt.runtime.quality.Quality.mape(o, r);
            return new Quality(dev.shmt.runtime.quality.Quality.errorRate(out, ref), mape, null,
                    dev.shmt.runtime.quality.Quality.rmse(out, ref), dev.shmt.runtime.quality.Quality.paperMape(out, ref));
        }
    }
}
