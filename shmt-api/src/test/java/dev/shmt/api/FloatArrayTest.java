package dev.shmt.api;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FloatArrayTest {
    @Test
    void slicesShareTheBackingArray() {
        FloatArray a = FloatArray.wrap(new float[] {0, 1, 2, 3, 4, 5});
        FloatArray s = a.slice(Region.span(2, 3));
        assertThat(s.length()).isEqualTo(3);
        assertThat(s.get(0)).isEqualTo(2f);
        s.set(2, 40f);
        assertThat(a.get(4)).isEqualTo(40f);
        assertThat(s.toArray()).isEqualTo(new float[] {2, 3, 40});
        assertThat(s.overlaps(a.slice(4, 2))).isTrue();
        assertThat(s.overlaps(a.slice(5, 1))).isFalse();
    }

    @Test
    void accessOutsideTheViewIsRefused() {
        FloatArray s = FloatArray.wrap(new float[10], 2, 4);
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(4));
        assertThrows(IndexOutOfBoundsException.class, () -> s.set(-1, 0f));
    }

    @Test
    void badArgumentsNameWhatWasExpected() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> FloatArray.create(0)))
                .hasMessageThat().isEqualTo("length must be >= 1, got 0");
        assertThat(assertThrows(IllegalArgumentException.class, () -> FloatArray.wrap(new float[0])))
                .hasMessageThat().isEqualTo("data.length must be >= 1, got 0");
        assertThat(assertThrows(IllegalArgumentException.class, () -> FloatArray.wrap(new float[10], 8, 4)))
                .hasMessageThat().contains("offset 8 + length 4 is outside data of 10 elements");
        assertThat(assertThrows(IllegalArgumentException.class, () -> FloatArray.create(5).slice(3, 3)))
                .hasMessageThat().contains("slice 3 + 3 is outside a view of 5 elements");
        assertThat(assertThrows(IllegalArgumentException.class, () -> FloatArray.wrap(new float[10], -1, 4)))
                .hasMessageThat().isEqualTo("offset must be >= 0, got -1");
        // Refused before the VM would throw OutOfMemoryError for an array it cannot make.
        assertThat(assertThrows(IllegalArgumentException.class, () -> FloatArray.create(Integer.MAX_VALUE)))
                .hasMessageThat().isEqualTo("length = 2147483647 elements does not fit in a Java array (at most"
                        + " 2147483639)");
        assertThat(assertThrows(NullPointerException.class, () -> FloatArray.wrap(null)))
                .hasMessageThat().isEqualTo("data must not be null");
    }
}
