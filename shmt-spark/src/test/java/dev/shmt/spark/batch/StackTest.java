package dev.shmt.spark.batch;

import static com.google.common.truth.Truth.assertThat;

import dev.shmt.api.Border;
import dev.shmt.spark.FloatImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackTest {
    /** An image whose cell (r, c) holds 1000 * id + 10 * r + c, so every copied row names its source. */
    private static FloatImage image(int id, int rows, int cols) {
        float[] px = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                px[r * cols + c] = 1000 * id + 10 * r + c;
            }
        }
        return new FloatImage("i" + id, rows, cols, px);
    }

    private static float at(float[] stacked, int cols, int row) {
        return stacked[row * cols];
    }

    @Test
    void imagesStartOnRowsAlignedToEightWithTheirBorderRowsAroundThem() {
        List<FloatImage> images = List.of(image(1, 5, 3), image(2, 3, 3));
        Stack s = Stack.layout(images, 2);
        // image 1: rows 0-4; then its 2 rows below (5, 6), 2 rows above image 2; image 2 starts at 16.
        assertThat(s.rows()).isEqualTo(16 + 3);
        float[] data = new float[Math.toIntExact(s.cells())];
        s.fill(images, Border.REFLECT_101, data);
        assertThat(at(data, 3, 5)).isEqualTo(1000 + 10 * 3); // row 5 of a 5-row image reads row 3
        assertThat(at(data, 3, 6)).isEqualTo(1000 + 10 * 2);
        assertThat(at(data, 3, 14)).isEqualTo(2000 + 10 * 2); // row -2 of image 2 reads its row 2
        assertThat(at(data, 3, 15)).isEqualTo(2000 + 10 * 1);
        assertThat(at(data, 3, 10)).isEqualTo(0f); // between: read by no image
        assertThat(s.extract(images, 1, data).pixels()).isEqualTo(images.get(1).pixels());
    }

    @Test
    void clampAndZeroBordersFillAsTheirRuleReads() {
        List<FloatImage> images = List.of(image(1, 4, 2), image(2, 4, 2));
        Stack s = Stack.layout(images, 1);
        float[] clamp = new float[Math.toIntExact(s.cells())];
        s.fill(images, Border.CLAMP, clamp);
        assertThat(at(clamp, 2, 4)).isEqualTo(1000 + 30);
        assertThat(at(clamp, 2, 7)).isEqualTo(2000);
        float[] zero = new float[Math.toIntExact(s.cells())];
        java.util.Arrays.fill(zero, -1f);
        s.fill(images, Border.ZERO, zero);
        assertThat(at(zero, 2, 4)).isEqualTo(0f);
        assertThat(at(zero, 2, 7)).isEqualTo(0f);
    }

    @Test
    void rowsWithPredictsTheLayout() {
        long rows = Stack.rowsWith(0, 5, 2);
        rows = Stack.rowsWith(rows, 3, 2);
        assertThat(rows).isEqualTo(Stack.layout(List.of(image(1, 5, 3), image(2, 3, 3)), 2).rows());
    }
}
