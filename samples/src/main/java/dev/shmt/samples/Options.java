package dev.shmt.samples;

import dev.shmt.api.FloatArray;
import java.util.SplittableRandom;

/**
 * A batch of European options, the input of {@link Blackscholes#price}: spot {@code s}, strike
 * {@code x} and years to expiry {@code t}, drawn uniformly from the benchmark's ranges (those of
 * NVIDIA's BlackScholes sample), the same for the same seed on every machine.
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

    public int count() {
        return s.length();
    }

    private static float uniform(SplittableRandom rnd, float lo, float hi) {
        // Rounding to float could step past hi; the NPU model is trained for the closed range only.
        return Math.min(hi, (float) (lo + rnd.nextDouble() * ((double) hi - lo)));
    }
}
