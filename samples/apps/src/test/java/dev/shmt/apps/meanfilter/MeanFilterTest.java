package dev.shmt.apps.meanfilter;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.FloatMatrix;
import dev.shmt.apps.common.Stencil3Checks;
import org.junit.jupiter.api.Test;

/**
 * {@link MeanFilter#mean3} on the CPU: against its double reference (within fp32 rounding), against the GPU
 * kernel's order of operations (bitwise), and tiled against untiled.
 */
class MeanFilterTest {
    /**
     * On inputs in [0, 255]: each row sum rounds below 512 and below 1024 (1.5 x 2^-15), the three rows'
     * sum below 2048 and 4096 (2^-14 + 2^-13): 10.5 x 2^-15 over the exact sum, a ninth of it after the
     * division. Then 1/9 as a float is off by 2^-24 relative (255 x 2^-24 at most) and the product rounds
     * below 256 (2^-17).
     */
    static final double BOUND = 10.5 * 0x1p-15 / 9 + 255 * 0x1p-24 + 0x1p-17;

    /** The GPU kernel mean3's operations in its order, through get(). */
    private static float mean3(FloatMatrix s, int r, int c) {
        float u = (s.get(r - 1, c - 1) + s.get(r - 1, c)) + s.get(r - 1, c + 1);
        float m = (s.get(r, c - 1) + s.get(r, c)) + s.get(r, c + 1);
        float d = (s.get(r + 1, c - 1) + s.get(r + 1, c)) + s.get(r + 1, c + 1);
        return ((u + m) + d) * (1f / 9f);
    }

    @Test
    void cpuIsWithinFp32RoundingOfTheDoubleReference() {
        Stencil3Checks.withinRounding("mean3", MeanFilter::mean3, MeanFilter::reference, BOUND);
    }

    @Test
    void cpuDoesTheGpuKernelsOperationsBitForBit() {
        Stencil3Checks.bitForBit("mean3", MeanFilter::mean3, MeanFilterTest::mean3);
    }

    @Test
    void cpuTilesAreBitwiseEqualToTheUntiledCall() {
        Stencil3Checks.tilesEqualTheUntiledCall("mean3", MeanFilter::mean3, MeanFilterVops::mean3);
    }

    @Test
    void referenceOfARampIsKnown() {
        // src(r, c) = c: every interior mean is c; at column 0, REFLECT_101 reads column 1 on both sides, so
        // the mean is (1 + 0 + 1) / 3 = 2/3.
        int rows = 5;
        int cols = 6;
        double[] mean = MeanFilter.reference(Stencil3Checks.ramp(rows, cols));
        for (int r = 0; r < rows; r++) {
            assertWithMessage("mean (%s, 0)", r).that(mean[r * cols]).isWithin(1e-12).of(2.0 / 3);
            for (int c = 1; c < cols - 1; c++) {
                assertWithMessage("mean (%s, %s)", r, c).that(mean[r * cols + c]).isWithin(1e-12).of(c);
            }
        }
    }

    @Test
    void referenceRefusesNull() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MeanFilter.reference(null));
        assertWithMessage("message").that(e).hasMessageThat().contains("mean filter");
    }
}
