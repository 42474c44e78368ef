package dev.shmt.apps.sobel;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.Range;
import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.apps.common.Images;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link Sobel#sobel}'s CPU kernel against its double reference (within fp32 rounding) and against the
 * GPU kernel's order of operations (bitwise), and the reference itself on an image with a known answer.
 */
class SobelCpuTest {
    /**
     * The most the fp32 kernel may differ from the exact magnitude on inputs in [0, 255]. Each bracket
     * {@code (a + 2b) + c} rounds twice and Gx (Gy) once more, every result below 1024 where half an ulp is
     * 2^-15: 5 x 2^-15 each, so sqrt(2) times that for the magnitude of the float gradients. Then the
     * squares, their sum and the square root round with relative error 2^-24 each: at most 2.01 x 2^-24 of
     * the largest magnitude, 1020 sqrt(2).
     */
    static final double FP32_BOUND = Math.sqrt(2) * 5 * 0x1p-15 + 2.01 * 0x1p-24 * (1020 * Math.sqrt(2) + 1);

    private static FloatMatrix image(int rows, int cols) {
        return Images.structured(rows, cols, 7).withBorder(Border.REFLECT_101);
    }

    /** The GPU kernel sobel3's operations in its order, one cell at a time through get(). */
    private static float sobel3(FloatMatrix s, int r, int c) {
        float gx = (s.get(r - 1, c + 1) + 2f * s.get(r, c + 1) + s.get(r + 1, c + 1))
                - (s.get(r - 1, c - 1) + 2f * s.get(r, c - 1) + s.get(r + 1, c - 1));
        float gy = (s.get(r + 1, c - 1) + 2f * s.get(r + 1, c) + s.get(r + 1, c + 1))
                - (s.get(r - 1, c - 1) + 2f * s.get(r - 1, c) + s.get(r - 1, c + 1));
        return (float) Math.sqrt(gx * gx + gy * gy);
    }

    @Test
    void cpuIsWithinFp32RoundingOfTheDoubleReference() {
        FloatMatrix src = image(203, 317);
        for (float v : src.toArray()) {
            assertWithMessage("input (the bound assumes [0, 255])").that(v).isIn(Range.closed(Images.MIN, Images.MAX));
        }
        FloatMatrix got = FloatMatrix.create(src.rows(), src.cols());
        Sobel.sobel(src, got);
        double[] ref = Sobel.reference(src);
        double worst = 0;
        for (int i = 0; i < ref.length; i++) {
            worst = Math.max(worst, Math.abs(got.array()[i] - ref[i]));
        }
        System.out.printf("sobel 203x317 on the cpu: max |error| %.2e, fp32 bound %.2e%n", worst, FP32_BOUND);
        assertWithMessage("max |cpu - double reference|").that(worst).isAtMost(FP32_BOUND);
    }

    @Test
    void cpuDoesTheGpuKernelsOperationsBitForBit() {
        // Shapes with no interior, a one-cell interior, and wider ones (the interior has its own loops).
        int[][] shapes = {{1, 1}, {1, 7}, {7, 1}, {2, 2}, {3, 3}, {3, 40}, {40, 3}, {203, 317}};
        for (int[] s : shapes) {
            FloatMatrix src = image(s[0], s[1]);
            FloatMatrix got = FloatMatrix.create(s[0], s[1]);
            Sobel.sobel(src, got);
            float[] want = new float[s[0] * s[1]];
            for (int r = 0; r < s[0]; r++) {
                for (int c = 0; c < s[1]; c++) {
                    want[r * s[1] + c] = sobel3(src, r, c);
                }
            }
            assertWithMessage("%sx%s image", s[0], s[1]).that(got.toArray()).isEqualTo(want);
        }
    }

    @Test
    void viewsWithOffsetAndStrideReadTheirNeighboursAndWriteOnlyTheirCells() {
        // A view inside a larger image reads true neighbours past its edges; the output view lies in a larger
        // array whose other cells must stay untouched.
        FloatMatrix whole = image(60, 90);
        FloatMatrix src = whole.region(5, 7, 41, 66);
        FloatMatrix bigOut = FloatMatrix.create(50, 80);
        Arrays.fill(bigOut.array(), Float.NaN);
        FloatMatrix dst = bigOut.region(3, 11, 41, 66);
        Sobel.sobel(src, dst);
        for (int r = 0; r < bigOut.rows(); r++) {
            for (int c = 0; c < bigOut.cols(); c++) {
                boolean inside = r >= 3 && r < 3 + 41 && c >= 11 && c < 11 + 66;
                float v = bigOut.get(r, c);
                if (inside) {
                    assertWithMessage("cell (%s, %s) of the view", r - 3, c - 11).that(v)
                            .isEqualTo(sobel3(whole, r - 3 + 5, c - 11 + 7));
                } else {
                    assertWithMessage("cell (%s, %s) outside the output view", r, c).that(v).isNaN();
                }
            }
        }
    }

    @Test
    void referenceOfARampIsKnownAndReadsReflect101Borders() {
        // v = 3c + 5r: inside, Gx = 8 x 3 and Gy = 8 x 5. REFLECT_101 mirrors the ramp at the edges, so the
        // gradient across an edge is zero there: 40 on the left and right columns, 24 on the top and bottom
        // rows, 0 in the corners.
        int rows = 9;
        int cols = 12;
        FloatMatrix ramp = FloatMatrix.create(rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                ramp.set(r, c, 3 * c + 5 * r);
            }
        }
        double[] ref = Sobel.reference(ramp); // its CLAMP border is overridden by the VOP's REFLECT_101
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                boolean edgeRow = r == 0 || r == rows - 1;
                boolean edgeCol = c == 0 || c == cols - 1;
                double gx = edgeCol ? 0 : 24;
                double gy = edgeRow ? 0 : 40;
                assertWithMessage("(%s, %s)", r, c).that(ref[r * cols + c]).isEqualTo(Math.sqrt(gx * gx + gy * gy));
            }
        }
    }

    @Test
    void referenceRefusesNull() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sobel.reference(null));
        assertWithMessage("message").that(e).hasMessageThat().contains("src");
    }
}
