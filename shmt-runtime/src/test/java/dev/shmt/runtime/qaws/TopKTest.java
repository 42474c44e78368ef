package dev.shmt.runtime.qaws;

import static com.google.common.truth.Truth.assertWithMessage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TopKTest {
    private static final String[] KS = {"0", "0.07", "0.1", "0.25", "0.3", "0.5", "0.9", "1"};
    private static final int[] WINDOWS = {1, 7, 10, 16, 64, 100, 256};
    private static final int[] TILE_COUNTS = {1, 7, 256, 1000};

    /** ceil(K x n) in exact decimal arithmetic, independent of the code under test. */
    private static int expectedQuota(String k, int n) {
        return new BigDecimal(k).multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.CEILING).intValueExact();
    }

    private static double[] scores(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = rnd.nextDouble(0, 100);
        }
        return s;
    }

    @Test
    void marksExactlyCeilKTimesWPerWindowAndTheProportionalShareOfTheLast() {
        for (int n : TILE_COUNTS) {
            double[] scores = scores(n, n);
            for (String k : KS) {
                for (int w : WINDOWS) {
                    boolean[] critical = TopK.mark(scores, Double.parseDouble(k), w);
                    int total = 0;
                    int expectedTotal = 0;
                    for (int start = 0; start < n; start += w) {
                        int len = Math.min(w, n - start);
                        int marked = 0;
                        double lowestMarked = Double.POSITIVE_INFINITY;
                        double highestUnmarked = Double.NEGATIVE_INFINITY;
                        for (int i = start; i < start + len; i++) {
                            if (critical[i]) {
                                marked++;
                                lowestMarked = Math.min(lowestMarked, scores[i]);
                            } else {
                                highestUnmarked = Math.max(highestUnmarked, scores[i]);
                            }
                        }
                        assertWithMessage("n=%s K=%s W=%s window at %s (%s HLOPs)", n, k, w, start, len)
                                .that(marked).isEqualTo(expectedQuota(k, len));
                        assertWithMessage("n=%s K=%s W=%s window at %s: marked ones are the highest", n, k, w, start)
                                .that(lowestMarked >= highestUnmarked).isTrue();
                        total += marked;
                        expectedTotal += expectedQuota(k, len);
                    }
                    assertWithMessage("n=%s K=%s W=%s total", n, k, w).that(total).isEqualTo(expectedTotal);
                }
            }
        }
    }

    @Test
    void wholeProductsAreNotRoundedUpByFloatingPointNoise() {
        assertWithMessage("0.07 x 100 (7.000000000000001 in doubles)").that(TopK.quota(0.07, 100)).isEqualTo(7);
        assertWithMessage("0.1 x 30").that(TopK.quota(0.1, 30)).isEqualTo(3);
        assertWithMessage("0.29 x 100").that(TopK.quota(0.29, 100)).isEqualTo(29);
        assertWithMessage("0.25 x 7").that(TopK.quota(0.25, 7)).isEqualTo(2);
        assertWithMessage("0.001 x 7").that(TopK.quota(0.001, 7)).isEqualTo(1);
    }

    @Test
    void tiesGoToTheLowerIndex() {
        boolean[] c = TopK.mark(new double[] {1, 1, 1, 1}, 0.5, 4);
        assertWithMessage("ties").that(c).isEqualTo(new boolean[] {true, true, false, false});
    }

    @Test
    void nonFiniteAndUnscoredHlopsAreCriticalEvenBeyondTheQuota() {
        double inf = Double.POSITIVE_INFINITY;
        boolean[] c = TopK.mark(new double[] {inf, 5, Double.NaN, inf, 9}, 0.2, 5);
        assertWithMessage("quota 1, three always-critical").that(c)
                .isEqualTo(new boolean[] {true, false, true, true, false});
        boolean[] none = TopK.mark(new double[] {3, Double.NaN}, 0, 2);
        assertWithMessage("K = 0 still keeps the unscored one").that(none).isEqualTo(new boolean[] {false, true});
    }
}
