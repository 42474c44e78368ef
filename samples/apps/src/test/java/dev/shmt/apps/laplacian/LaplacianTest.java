package dev.shmt.apps.laplacian;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.FloatMatrix;
import dev.shmt.apps.common.Stencil3Checks;
import org.junit.jupiter.api.Test;

/**
 * {@link Laplacian#laplacian} on the CPU: against its double reference (within fp32 rounding), against the
 * GPU kernel's order of operations (bitwise), and tiled against untiled.
 */
class LaplacianTest {
    /**
     * On inputs in [0, 255]: up + down and left + right are below 512 (half an ulp 2^-16), their sum and
     * the final difference below 1024 in magnitude (2^-15), and 4 x centre is exact: 3 x 2^-15 in all.
     */
    static final double BOUND = 3 * 0x1p-15;

    /** The GPU kernel laplacian3's operations in its order, through get(). */
    private static float laplacian3(FloatMatrix s, int r, int c) {
        return ((s.get(r - 1, c) + s.get(r + 1, c)) + (s.get(r, c - 1) + s.get(r, c + 1))) - 4f * s.get(r, c);
    }

    @Test
    void cpuIsWithinFp32RoundingOfTheDoubleReference() {
        Stencil3Checks.withinRounding("laplacian", Laplacian::laplacian, Laplacian::reference, BOUND);
    }

    @Test
    void cpuDoesTheGpuKernelsOperationsBitForBit() {
        Stencil3Checks.bitForBit("laplacian", Laplacian::laplacian, LaplacianTest::laplacian3);
    }

    @Test
    void cpuTilesAreBitwiseEqualToTheUntiledCall() {
        Stencil3Checks.tilesEqualTheUntiledCall("laplacian", Laplacian::laplacian, LaplacianVops::laplacian);
    }

    @Test
    void referenceOfARampIsKnown() {
        // src(r, c) = c: every interior Laplacian is 0; at column 0, REFLECT_101 reads column 1 on both sides,
        // so the Laplacian is 1 + 1 - 0 = 2.
        int rows = 5;
        int cols = 6;
        double[] lap = Laplacian.reference(Stencil3Checks.ramp(rows, cols));
        for (int r = 0; r < rows; r++) {
            assertWithMessage("laplacian (%s, 0)", r).that(lap[r * cols]).isWithin(1e-12).of(2.0);
            for (int c = 1; c < cols - 1; c++) {
                assertWithMessage("laplacian (%s, %s)", r, c).that(lap[r * cols + c]).isWithin(1e-12).of(0.0);
            }
        }
    }

    @Test
    void referenceRefusesNull() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Laplacian.reference(null));
        assertWithMessage("message").that(e).hasMessageThat().contains("src");
    }
}
