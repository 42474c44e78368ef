package dev.shmt.runtime.qaws;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.shmt.api.FloatMatrix;
import dev.shmt.api.QawsSettings;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.partition.Hints;
import dev.shmt.runtime.partition.Partitioner;
import dev.shmt.runtime.testing.Images;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceLimitsTest {
    @Test
    void quantileIsTheNearestRank() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8};
        assertWithMessage("q 0.75").that(DeviceLimits.quantile(sorted, 0.75)).isEqualTo(6.0);
        assertWithMessage("q 1").that(DeviceLimits.quantile(sorted, 1)).isEqualTo(8.0);
        assertWithMessage("q 0.01").that(DeviceLimits.quantile(sorted, 0.01)).isEqualTo(1.0);
        assertWithMessage("q 0").that(DeviceLimits.quantile(sorted, 0)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void tiersGetLimitsFromTheCallsScoresAndOnlyTheTopTierTakesEverything() {
        double[] scores = new double[100];
        for (int i = 0; i < 100; i++) {
            scores[i] = i;
        }
        DeviceLimits two = DeviceLimits.calibrate(scores, 2, 0.25);
        assertWithMessage("int8 limit at K 0.25").that(two.limit(0)).isEqualTo(74.0);
        assertWithMessage("top limit").that(two.limit(1)).isEqualTo(Double.POSITIVE_INFINITY);
        long critical = Arrays.stream(scores).filter(two::critical).count();
        assertWithMessage("critical at K 0.25").that(critical).isEqualTo(25);
        assertWithMessage("tier of 74").that(two.tierOf(74, 2)).isEqualTo(0);
        assertWithMessage("tier of 75").that(two.tierOf(75, 2)).isEqualTo(1);

        DeviceLimits three = DeviceLimits.calibrate(scores, 3, 0.25);
        assertWithMessage("fp16 limit above the int8 one").that(three.limit(1)).isGreaterThan(three.limit(0));
        assertWithMessage("tier of 80 with int8, fp16, fp32").that(three.tierOf(80, 3)).isEqualTo(1);
        assertWithMessage("tier of 99 with int8, fp16, fp32").that(three.tierOf(99, 3)).isEqualTo(2);
        assertWithMessage("non-finite goes to the top").that(three.tierOf(Double.POSITIVE_INFINITY, 3)).isEqualTo(2);
        assertWithMessage("unscored goes to the top").that(three.tierOf(Double.NaN, 3)).isEqualTo(2);
    }

    @Test
    void uniformDataHasNoCriticalTileAndKOfOneMakesAllCritical() {
        double[] same = new double[10];
        Arrays.fill(same, 2.5);
        DeviceLimits l = DeviceLimits.calibrate(same, 2, 0.25);
        assertWithMessage("critical among equal scores").that(Arrays.stream(same).filter(l::critical).count())
                .isEqualTo(0);
        DeviceLimits all = DeviceLimits.calibrate(same, 2, 1);
        assertWithMessage("critical at K 1").that(Arrays.stream(same).filter(all::critical).count()).isEqualTo(10);
    }

    /** Scores of the 64 tiles of {@link Images#structured()} with a sampler. */
    private static double[] structuredScores(Sampler sampler, Criticality metric) {
        FloatMatrix img = Images.structured();
        VopCall call = Images.stencil(img, FloatMatrix.create(Images.SIZE, Images.SIZE), Images.TILE);
        List<Region> regions = Partitioner.split(call, Hints.NONE);
        Assessment a = TileSampling.assess(call, regions, sampler, QawsSettings.DEFAULTS.withCriticality(metric.metric()));
        assertWithMessage("non-finite samples").that(a.nonFiniteTotal()).isEqualTo(0);
        return a.scores();
    }

    @Test
    void limitsMarkTheEdgesOfAStructuredImageAndLeaveItsFlatAreas() {
        for (char code : new char[] {'s', 'u', 'r'}) {
            for (Criticality metric : Criticality.values()) {
                double[] scores = structuredScores(Sampler.forCode(code), metric);
                assertWithMessage("tiles").that(scores.length).isEqualTo(64);
                DeviceLimits limits = DeviceLimits.calibrate(scores, 2, 0.25);
                int critical = 0;
                for (int i = 0; i < 64; i++) {
                    int tr = i / 8;
                    int tc = i % 8;
                    boolean c = limits.critical(scores[i]);
                    critical += c ? 1 : 0;
                    if (Images.hasEdge(tr, tc)) {
                        assertWithMessage("%s/%s: edge tile (%s, %s) score %s, limit %s", code, metric, tr, tc,
                                scores[i], limits.limit(0)).that(c).isTrue();
                    }
                    if (Images.flat(tr, tc)) {
                        assertWithMessage("%s/%s: flat tile (%s, %s) score %s, limit %s", code, metric, tr, tc,
                                scores[i], limits.limit(0)).that(c).isFalse();
                    }
                }
                assertWithMessage("%s/%s: critical tiles", code, metric).that(critical).isAtLeast(12);
                assertWithMessage("%s/%s: critical tiles", code, metric).that(critical).isAtMost(16);
            }
        }
    }

    @Test
    void topKOnAStructuredImagePicksTheEdgesFirst() {
        double[] scores = structuredScores(new StridingSampler(), Criticality.STD_DEV);
        // K = 12/64: exactly the edge tiles, if the ranking puts them first.
        boolean[] critical = TopK.mark(scores, 12 / 64.0, 64);
        for (int i = 0; i < 64; i++) {
            assertWithMessage("tile (%s, %s)", i / 8, i % 8).that(critical[i]).isEqualTo(Images.hasEdge(i / 8, i % 8));
        }
    }
}
