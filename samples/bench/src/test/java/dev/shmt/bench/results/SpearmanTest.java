package dev.shmt.bench.results;

import static com.google.common.truth.Truth.assertWithMessage;

import org.junit.jupiter.api.Test;

/** The rank correlation the bench reports between criticality scores and real errors. */
class SpearmanTest {
    @Test
    void spearmanIsOneForAnyIncreasingMapMinusOneReversedAndAveragesTies() {
        double[] x = {1, 2, 3, 4, 5};
        assertWithMessage("monotone").that(Spearman.correlation(x, new double[] {1, 4, 9, 16, 1000})).isWithin(1e-12)
                .of(1.0);
        assertWithMessage("reversed").that(Spearman.correlation(x, new double[] {5, 4, 3, 2, 1})).isWithin(1e-12)
                .of(-1.0);
        // Ranks (1, 2.5, 2.5, 4) against (1, 2, 3, 4): Pearson of the ranks.
        double rho = Spearman.correlation(new double[] {1, 2, 2, 3}, new double[] {1, 2, 3, 4});
        assertWithMessage("ties share their mean rank").that(rho).isWithin(1e-12).of(4.5 / Math.sqrt(4.5 * 5));
        assertWithMessage("infinite scores rank highest")
                .that(Spearman.correlation(new double[] {1, Double.POSITIVE_INFINITY, 2}, new double[] {1, 3, 2}))
                .isWithin(1e-12).of(1.0);
        assertWithMessage("a constant side says nothing")
                .that(Spearman.correlation(new double[] {2, 2, 2}, new double[] {1, 2, 3})).isNaN();
    }
}
