package dev.shmt.runtime.qaws;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.QawsSettings;
import org.junit.jupiter.api.Test;

class CriticalityTest {
    private static TileStats of(float... values) {
        TileStats s = new TileStats();
        for (float v : values) {
            s.add(v);
        }
        return s;
    }

    @Test
    void rangeAndStandardDeviationOfKnownValues() {
        TileStats s = of(2, 4, 4, 4, 5, 5, 7, 9); // the textbook set: mean 5, population sd 2
        assertWithMessage("range").that(Criticality.RANGE.score(s)).isEqualTo(7.0);
        assertWithMessage("std").that(Criticality.STD_DEV.score(s)).isWithin(1e-12).of(2.0);
        assertWithMessage("mean").that(s.mean()).isWithin(1e-12).of(5.0);
    }

    @Test
    void aFlatTileScoresZeroAndAnEmptyOneToo() {
        assertWithMessage("flat range").that(Criticality.RANGE.score(of(3, 3, 3))).isEqualTo(0.0);
        assertWithMessage("flat std").that(Criticality.STD_DEV.score(of(3, 3, 3))).isEqualTo(0.0);
        assertWithMessage("no samples").that(Criticality.STD_DEV.score(new TileStats())).isEqualTo(0.0);
    }

    @Test
    void rangeFollowsOneOutlierWhileDeviationBarelyMoves() {
        float[] v = new float[100];
        v[99] = 10;
        TileStats s = of(v);
        assertWithMessage("range with one outlier").that(Criticality.RANGE.score(s)).isEqualTo(10.0);
        assertWithMessage("std with one outlier").that(Criticality.STD_DEV.score(s)).isLessThan(1.0);
    }

    @Test
    void nonFiniteSamplesAreCountedKeptOutOfTheStatisticsAndMakeTheTileCritical() {
        TileStats s = of(1, Float.NaN, 3, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
        assertWithMessage("non-finite count").that(s.nonFinite()).isEqualTo(3);
        assertWithMessage("finite count").that(s.count()).isEqualTo(2);
        assertWithMessage("range of the finite ones").that(s.range()).isEqualTo(2.0);
        assertWithMessage("mean of the finite ones").that(s.mean()).isEqualTo(2.0);
        for (Criticality c : Criticality.values()) {
            assertWithMessage("%s score", c).that(c.score(s)).isEqualTo(Double.POSITIVE_INFINITY);
        }
    }

    @Test
    void resetForgetsTheLastTile() {
        TileStats s = of(1, Float.NaN, 100);
        s.reset();
        s.add(5);
        assertWithMessage("range after reset").that(s.range()).isEqualTo(0.0);
        assertWithMessage("non-finite after reset").that(s.nonFinite()).isEqualTo(0);
    }

    @Test
    void settingsRefuseValuesOutsideTheirRangeByName() {
        QawsSettings d = QawsSettings.DEFAULTS;
        for (double bad : new double[] {0, -0.1, 1.5, Double.NaN}) {
            assertWithMessage("rate %s", bad).that(assertThrows(IllegalArgumentException.class,
                    () -> d.withSamplingRate(bad))).hasMessageThat().startsWith("samplingRate must be in (0, 1]");
        }
        for (double bad : new double[] {-0.01, 1.01, Double.NaN}) {
            assertWithMessage("K %s", bad).that(assertThrows(IllegalArgumentException.class,
                    () -> d.withCriticalFraction(bad))).hasMessageThat().startsWith("criticalFraction (K) must be in [0, 1]");
        }
        assertWithMessage("window").that(assertThrows(IllegalArgumentException.class, () -> d.withWindow(0)))
                .hasMessageThat().isEqualTo("window (W) must be >= 1 HLOP, got 0");
        assertWithMessage("min samples").that(assertThrows(IllegalArgumentException.class, () -> d.withMinSamples(0)))
                .hasMessageThat().isEqualTo("minSamples must be >= 1, got 0");
        assertWithMessage("rate 1 is allowed").that(d.withSamplingRate(1).samplingRate()).isEqualTo(1.0);
    }

    @Test
    void samplesPerTileFollowTheRateAboveTheMinimum() {
        QawsSettings d = QawsSettings.DEFAULTS;
        assertWithMessage("256 x 256 at 2^-15: the minimum").that(d.samplesFor(65_536)).isEqualTo(32);
        assertWithMessage("2048 x 2048 at 2^-15").that(d.samplesFor(2048 * 2048)).isEqualTo(128);
        assertWithMessage("4096 x 4096 at 2^-15").that(d.samplesFor(4096 * 4096)).isEqualTo(512);
        assertWithMessage("tiny tile: every cell").that(d.samplesFor(10)).isEqualTo(10);
    }
}
