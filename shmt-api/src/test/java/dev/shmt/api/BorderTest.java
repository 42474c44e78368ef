package dev.shmt.api;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

class BorderTest {
    @Test
    void insideIndicesAreUnchanged() {
        for (Border b : Border.values()) {
            assertThat(b.resolve(0, 5)).isEqualTo(0);
            assertThat(b.resolve(4, 5)).isEqualTo(4);
        }
    }

    @Test
    void clampRepeatsTheEdge() {
        assertThat(Border.CLAMP.resolve(-1, 5)).isEqualTo(0);
        assertThat(Border.CLAMP.resolve(-7, 5)).isEqualTo(0);
        assertThat(Border.CLAMP.resolve(5, 5)).isEqualTo(4);
        assertThat(Border.CLAMP.resolve(99, 5)).isEqualTo(4);
    }

    @Test
    void reflect101MirrorsWithoutTheEdge() {
        // dcb|abcd|cba on "abcd": -1 -> b, -2 -> c, 4 -> c, 5 -> b
        assertThat(Border.REFLECT_101.resolve(-1, 4)).isEqualTo(1);
        assertThat(Border.REFLECT_101.resolve(-2, 4)).isEqualTo(2);
        assertThat(Border.REFLECT_101.resolve(4, 4)).isEqualTo(2);
        assertThat(Border.REFLECT_101.resolve(5, 4)).isEqualTo(1);
    }

    @Test
    void reflect101FoldsAgainPastTheFarSide() {
        // period 2n-2 = 4 on n = 3: ... 0 1 2 1 0 1 2 ...
        assertThat(Border.REFLECT_101.resolve(-3, 3)).isEqualTo(1);
        assertThat(Border.REFLECT_101.resolve(-4, 3)).isEqualTo(0);
        assertThat(Border.REFLECT_101.resolve(5, 3)).isEqualTo(1);
        assertThat(Border.REFLECT_101.resolve(6, 3)).isEqualTo(2);
        assertThat(Border.REFLECT_101.resolve(-2, 1)).isEqualTo(0);
    }

    @Test
    void zeroHasNoSourceIndex() {
        assertThat(Border.ZERO.resolve(-1, 5)).isEqualTo(-1);
        assertThat(Border.ZERO.resolve(5, 5)).isEqualTo(-1);
    }
}
