package dev.shmt.apps.blackscholes;

import dev.shmt.api.FloatArray;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * A batch of European options, the input of {@link Blackscholes#price}: spot {@code s}, strike
 * {@code x} and years to expiry {@code t}, the same for the same seed on every machine: drawn
 * uniformly from NVIDIA's BlackScholes sample ranges ({@link #generate}), or listed as option chains
 * ({@link #chains}, what the bench prices).
 */
public record Options(FloatArray s, FloatArray x, FloatArray t) {
    public static final float S_MIN = 5f;
    public static final float S_MAX = 30f;
    public static final float X_MIN = 1f;
    public static final float X_MAX = 100f;
    public static final float T_MIN = 0.25f;
    public static final float T_MAX = 10f;

    /** {@code n} options from {@code seed}; every value lies inside its closed range. */
    public static Options generate(int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("n (options) must be >= 1, got " + n);
        }
        float[] s = new float[n];
        float[] x = new float[n];
        float[] t = new float[n];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            s[i] = uniform(rnd, S_MIN, S_MAX);
            x[i] = uniform(rnd, X_MIN, X_MAX);
            t[i] = uniform(rnd, T_MIN, T_MAX);
        }
        return new Options(FloatArray.wrap(s), FloatArray.wrap(x), FloatArray.wrap(t));
    }

    /** Expiries a chain lists, in years: the standard tenors inside [{@link #T_MIN}, {@link #T_MAX}]. */
    private static final float[] TENORS = {0.25f, 0.5f, 0.75f, 1f, 1.5f, 2f, 3f, 5f, 7f, 10f};

    /** Strikes of one expiry span spot x [1 - SPAN, 1 + SPAN] in even steps, as listed chains do. */
    private static final double SPAN = 0.5;

    /** The largest underlying's book (an index's) holds this fraction of all options; the k-th largest 1/k of it. */
    private static final double LARGEST_BOOK = 1.0 / 8;

    /**
     * {@code n} options as an exchange's book lists them: grouped by underlying, each underlying's
     * chains by expiry, strikes in order. Spots are log-uniform from 5 to 5000 (penny stocks to index
     * levels); the k-th largest underlying lists n / 8k series (at least 20: a few index books hold
     * much of the whole), and the underlyings come in a seeded random order, as sorted by symbol.
     * Expiries are the standard tenors the model covers, strikes spot x [0.5, 1.5]. Unlike {@link
     * #generate}, where every chunk of options looks alike, chunks here differ in price level: what
     * makes some HLOPs worth more precision than others.
     */
    public static Options chains(int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("n (options) must be >= 1, got " + n);
        }
        float[] s = new float[n];
        float[] x = new float[n];
        float[] t = new float[n];
        SplittableRandom rnd = new SplittableRandom(seed);
        // Book sizes by rank, shuffled into symbol order.
        List<Integer> books = new ArrayList<>();
        long listed = 0;
        for (int k = 1; listed < n; k++) {
            int size = (int) Math.max(2 * TENORS.length, LARGEST_BOOK * n / k);
            books.add(size);
            listed += size;
        }
        Collections.shuffle(books, new Random(rnd.nextLong()));
        int i = 0;
        for (int b = 0; i < n; b++) {
            // A book lists whole chains, at most its size: small books past the drawn ones fill what is left.
            int book = b < books.size() ? books.get(b) : 2 * TENORS.length;
            double spot = 5 * Math.pow(1000, rnd.nextDouble());
            int expiries = Math.min(TENORS.length, Math.max(2, book / 20));
            int strikes = Math.max(1, book / expiries);
            for (int e = 0; e < expiries && i < n; e++) {
                float tenor = TENORS[e * TENORS.length / expiries];
                for (int k = 0; k < strikes && i < n; k++, i++) {
                    s[i] = (float) spot;
                    x[i] = (float) (spot * (1 - SPAN + 2 * SPAN * (k + 0.5) / strikes));
                    t[i] = tenor;
                }
            }
        }
        return new Options(FloatArray.wrap(s), FloatArray.wrap(x), FloatArray.wrap(t));
    }

    public int count() {
        return s.length();
    }

    private static float uniform(SplittableRandom rnd, float lo, float hi) {
        // Rounding to float could step past hi; the NPU model is trained for the closed range only.
        return Math.min(hi, (float) (lo + rnd.nextDouble() * ((double) hi - lo)));
    }
}
