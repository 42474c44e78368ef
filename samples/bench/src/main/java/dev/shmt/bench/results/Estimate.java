package dev.shmt.bench.results;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The median of per-round values with a 95% confidence interval from a seeded bootstrap over rounds:
 * rounds are resampled with replacement, the median taken of each resample, and the 2.5th and 97.5th
 * percentiles of those medians are the interval. Seeded, so the same rounds give the same interval.
 */
public record Estimate(double median, double low, double high, int rounds) {
    static final int RESAMPLES = 2000;

    /** NaN everywhere: nothing to estimate. */
    public static final Estimate NONE = new Estimate(Double.NaN, Double.NaN, Double.NaN, 0);

    public static Estimate of(double[] perRound, long seed) {
        if (perRound.length == 0) {
            return NONE;
        }
        double[] medians = new double[RESAMPLES];
        double[] sample = new double[perRound.length];
        SplittableRandom random = new SplittableRandom(seed);
        for (int b = 0; b < RESAMPLES; b++) {
            for (int i = 0; i < sample.length; i++) {
                sample[i] = perRound[random.nextInt(perRound.length)];
            }
            medians[b] = median(sample);
        }
        Arrays.sort(medians);
        return new Estimate(median(perRound), medians[(int) Math.floor(0.025 * (RESAMPLES - 1))],
                medians[(int) Math.ceil(0.975 * (RESAMPLES - 1))], perRound.length);
    }

    public boolean present() {
        return !Double.isNaN(median);
    }

    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
