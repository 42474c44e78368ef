package dev.shmt.api;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FloatMatrixTest {
    /** 3 x 4 with value 10 r + c, so every read tells where it came from. */
    private static FloatMatrix numbered() {
        FloatMatrix m = FloatMatrix.create(3, 4);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                m.set(r, c, 10 * r + c);
            }
        }
        return m;
    }

    @Test
    void wholeMatrixReadsBorderOutside() {
        FloatMatrix m = numbered();
        assertThat(m.get(-1, -1)).isEqualTo(0f);
        assertThat(m.get(3, 4)).isEqualTo(23f);
        FloatMatrix reflect = m.withBorder(Border.REFLECT_101);
        assertThat(reflect.get(-1, 0)).isEqualTo(10f);
        assertThat(reflect.get(3, 4)).isEqualTo(12f);
        assertThat(reflect.get(-2, -2)).isEqualTo(22f);
        FloatMatrix zero = m.withBorder(Border.ZERO);
        assertThat(zero.get(-1, 2)).isEqualTo(0f);
        assertThat(zero.get(1, 4)).isEqualTo(0f);
    }

    @Test
    void tileReadsRealNeighboursInsideAndBorderAtTheTrueEdge() {
        FloatMatrix m = numbered().withBorder(Border.REFLECT_101);
        FloatMatrix t = m.tile(new Region(1, 1, 1, 2), 1);
        assertThat(t.get(0, 0)).isEqualTo(11f);
        assertThat(t.get(-1, -1)).isEqualTo(0f); // neighbour from the tile above-left
        assertThat(t.get(1, 2)).isEqualTo(23f); // neighbour from below-right
        FloatMatrix corner = m.tile(new Region(0, 2, 1, 2), 1);
        assertThat(corner.get(-1, 0)).isEqualTo(12f); // reflected at the whole matrix's top
        assertThat(corner.get(0, 2)).isEqualTo(2f); // reflected at its right edge: col 4 -> 2
    }

    @Test
    void tileRefusesReadsPastItsHalo() {
        FloatMatrix t = numbered().tile(new Region(1, 1, 1, 1), 1);
        assertThat(t.get(-1, 1)).isEqualTo(2f);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> t.get(-2, 0));
        assertThat(e).hasMessageThat().contains("halo");
    }

    @Test
    void writesStayInsideTheView() {
        FloatMatrix m = numbered();
        FloatMatrix t = m.region(1, 1, 2, 2);
        t.set(1, 1, -5f);
        assertThat(m.get(2, 2)).isEqualTo(-5f);
        assertThrows(IndexOutOfBoundsException.class, () -> t.set(2, 0, 1f));
        assertThrows(IndexOutOfBoundsException.class, () -> t.set(0, -1, 1f));
    }

    @Test
    void stridedViewOverALargerArray() {
        float[] data = new float[40];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        FloatMatrix m = FloatMatrix.wrap(data, 3, 2, 3, 10);
        assertThat(m.offset()).isEqualTo(3);
        assertThat(m.toArray()).isEqualTo(new float[] {3, 4, 5, 13, 14, 15});
        // Border reads stay inside the view's columns, never the array's other elements.
        assertThat(m.get(0, 3)).isEqualTo(5f);
        assertThat(m.get(2, -1)).isEqualTo(13f);
        FloatMatrix sub = m.region(1, 1, 1, 2);
        assertThat(sub.offset()).isEqualTo(14);
        assertThat(sub.get(-1, 0)).isEqualTo(4f);
    }

    @Test
    void copyFromAndOverlaps() {
        FloatMatrix a = numbered();
        FloatMatrix b = FloatMatrix.create(3, 4);
        b.copyFrom(a);
        assertThat(b.toArray()).isEqualTo(a.toArray());
        assertThat(a.overlaps(b)).isFalse();
        assertThat(a.region(0, 0, 1, 4).overlaps(a.region(1, 0, 1, 4))).isFalse();
        assertThat(a.region(0, 0, 2, 2).overlaps(a.region(1, 1, 1, 1))).isTrue();
        // Side by side in the same rows: the spans interleave but no cell is shared.
        assertThat(a.region(0, 0, 2, 2).overlaps(a.region(0, 2, 2, 2))).isFalse();
        assertThat(a.region(0, 1, 2, 2).overlaps(a.region(1, 2, 1, 2))).isTrue();
    }

    @Test
    void badArgumentsNameWhatWasExpected() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> FloatMatrix.create(0, 3)))
                .hasMessageThat().isEqualTo("rows must be >= 1, got 0");
        assertThat(assertThrows(IllegalArgumentException.class, () -> FloatMatrix.create(3, -1)))
                .hasMessageThat().isEqualTo("cols must be >= 1, got -1");
        assertThat(assertThrows(IllegalArgumentException.class, () -> FloatMatrix.create(65536, 65536)))
                .hasMessageThat().contains("does not fit in a Java array");
        assertThat(assertThrows(IllegalArgumentException.class, () -> FloatMatrix.wrap(new float[5], 2, 3)))
                .hasMessageThat().contains("data has 5 elements but rows x cols = 2 x 3 needs 6");
        assertThat(assertThrows(IllegalArgumentException.class, () -> FloatMatrix.wrap(new float[20], 0, 2, 5, 4)))
                .hasMessageThat().contains("stride must be >= cols (5)");
        assertThat(FloatMatrix.wrap(new float[19], 5, 2, 4, 10).toArray()).hasLength(8); // ends exactly at 19
        assertThat(assertThrows(IllegalArgumentException.class, () -> FloatMatrix.wrap(new float[20], 5, 2, 4, 12)))
                .hasMessageThat().contains("needs 21");
        assertThat(assertThrows(IllegalArgumentException.class, () -> numbered().region(2, 0, 2, 1)))
                .hasMessageThat().contains("is not inside");
        assertThat(assertThrows(IllegalArgumentException.class, () -> numbered().tile(new Region(0, 0, 1, 1), -1)))
                .hasMessageThat().contains("halo must be >= 0");
        assertThrows(NullPointerException.class, () -> FloatMatrix.wrap(null, 1, 1));
    }
}
