package dev.shmt.apps.common;

import java.util.Arrays;
import java.util.Locale;

/**
 * Times two implementations of the same job against each other on a noisy shared machine: both warm
 * up first, then their repetitions alternate (A, B, A, B, ...) so a burst of load hits both, and the
 * medians and their ratio are printed. For the library comparisons among the apps' tests ({@code *Vs*}),
 * which run with {@code mvn -pl samples/apps test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=...}.
 */
public final class Timing {
    private Timing() {}

    /** Median milliseconds of {@code a} and {@code b}; prints one line with both and the ratio b / a. */
    public static double[] compare(String what, String nameA, Runnable a, String nameB, Runnable b, int warmup, int repeat) {
        for (int i = 0; i < warmup; i++) {
            a.run();
            b.run();
        }
        double[] ta = new double[repeat];
        double[] tb = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            ta[i] = millis(a);
            tb[i] = millis(b);
        }
        double ma = median(ta);
        double mb = median(tb);
        System.out.printf(Locale.ROOT, "%s: %s %.2f ms (min %.2f), %s %.2f ms (min %.2f); %s / %s = %.2f%n",
                what, nameA, ma, min(ta), nameB, mb, min(tb), nameB, nameA, mb / ma);
        return new double[] {ma, mb};
    }

    private static double millis(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }
}
