package dev.shmt.runtime.qaws;

import dev.shmt.api.QawsSettings;
import dev.shmt.runtime.spi.Plan;
import java.util.Arrays;

/**
 * Algorithm 2's marking: HLOPs are ranked in windows of W consecutive indices, and in each window the
 * {@code ceil(K x W)} with the highest scores are critical; a last, partial window of w HLOPs marks
 * {@code ceil(K x w)}. Ties go to the lower index, so a plan is the same on every run. HLOPs that are
 * critical whatever the ranking ({@link Assessment#alwaysCritical}: non-finite samples, no score) rank
 * first; should a window hold more of them than its quota, they are all critical all the same.
 */
public final class TopK {
    private TopK() {}

    public static boolean[] mark(double[] scores, double k, int window) {
        QawsSettings.checkCriticalFraction(k);
        QawsSettings.checkWindow(window);
        boolean[] critical = new boolean[scores.length];
        Integer[] order = new Integer[Math.min(window, scores.length)];
        for (int start = 0; start < scores.length; start += window) {
            int len = Math.min(window, scores.length - start);
            for (int j = 0; j < len; j++) {
                order[j] = start + j;
            }
            Arrays.sort(order, 0, len, (a, b) -> {
                int c = Double.compare(Plan.rankKey(scores[b]), Plan.rankKey(scores[a]));
                return c != 0 ? c : Integer.compare(a, b);
            });
            int quota = quota(k, len);
            for (int j = 0; j < len; j++) {
                int i = order[j];
                critical[i] = j < quota || Assessment.alwaysCritical(scores[i]);
            }
        }
        return critical;
    }

    /**
     * {@code ceil(k x n)}, read so that products meant to be whole stay whole: 0.07 x 100 is
     * 7.000000000000001 in doubles, and a plain ceil would mark 8.
     */
    public static int quota(double k, int n) {
        double x = k * n;
        double whole = Math.rint(x);
        if (Math.abs(x - whole) <= 1e-9 * Math.max(1, x)) {
            return (int) whole;
        }
        return (int) Math.ceil(x);
    }
}
