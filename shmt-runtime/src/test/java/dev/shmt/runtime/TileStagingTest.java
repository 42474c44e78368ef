package dev.shmt.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Region;
import dev.shmt.runtime.device.TileStaging;
import dev.shmt.runtime.testing.Stencils;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TileStagingTest {
    /** What the tile view answers, cell by cell: the definition the staged copy must match. */
    private static float[] expected(FloatMatrix src, Region tile, int halo) {
        FloatMatrix view = src.tile(tile, halo);
        int w = tile.cols() + 2 * halo;
        float[] out = new float[(tile.rows() + 2 * halo) * w];
        for (int r = -halo; r < tile.rows() + halo; r++) {
            for (int c = -halo; c < tile.cols() + halo; c++) {
                out[(r + halo) * w + c + halo] = view.get(r, c);
            }
        }
        return out;
    }

    @Test
    void stagedBlockEqualsTheTileViewForEveryTileBorderAndHalo() {
        int[][] shapes = {{17, 23}, {3, 2}, {1, 9}, {40, 40}};
        for (Border border : Border.values()) {
            for (int[] s : shapes) {
                FloatMatrix src = Stencils.random(s[0], s[1], s[0] * 100 + s[1]).withBorder(border);
                for (int halo = 0; halo <= 3; halo++) {
                    for (int tr = 1; tr <= s[0]; tr += Math.max(1, s[0] / 3)) {
                        for (int tc = 1; tc <= s[1]; tc += Math.max(1, s[1] / 3)) {
                            for (int r = 0; r < s[0]; r += tr) {
                                for (int c = 0; c < s[1]; c += tc) {
                                    Region tile = new Region(r, c, Math.min(tr, s[0] - r), Math.min(tc, s[1] - c));
                                    float[] got = new float[TileStaging.stagedSize(tile, halo) + 3];
                                    Arrays.fill(got, Float.NaN);
                                    TileStaging.gather(src, tile, halo, got, 3);
                                    float[] want = expected(src, tile, halo);
                                    assertThat(Arrays.copyOfRange(got, 3, got.length)).isEqualTo(want);
                                    // The direct-buffer path (what a GPU's page-locked staging takes) writes the same.
                                    FloatBuffer direct = ByteBuffer.allocateDirect(4 * got.length)
                                            .order(ByteOrder.nativeOrder()).asFloatBuffer();
                                    TileStaging.gather(src, tile, halo, direct, 3);
                                    float[] fromBuffer = new float[want.length];
                                    direct.get(3, fromBuffer);
                                    assertThat(fromBuffer).isEqualTo(want);
                                    assertThat(direct.position()).isEqualTo(0);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void stridedSourceViewsStageFromTheirOwnWholeMatrix() {
        float[] big = Stencils.random(1, 500, 9).array();
        FloatMatrix src = FloatMatrix.wrap(big, 7, 12, 15, 31).withBorder(Border.REFLECT_101);
        Region tile = new Region(9, 11, 3, 4);
        float[] got = new float[TileStaging.stagedSize(tile, 2)];
        TileStaging.gather(src, tile, 2, got, 0);
        assertThat(got).isEqualTo(expected(src, tile, 2));
        FloatMatrix staged = TileStaging.stagedView(got, 0, tile, 2);
        assertThat(staged.get(-2, 5)).isEqualTo(src.tile(tile, 2).get(-2, 5));
    }

    @Test
    void refusesTooSmallBuffersAndOutsideTiles() {
        FloatMatrix src = FloatMatrix.create(10, 10);
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> TileStaging.gather(src, new Region(0, 0, 4, 4), 1, new float[35], 0)))
                .hasMessageThat().isEqualTo("dst needs 36 elements from 0 but has 35");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> TileStaging.gather(src, new Region(8, 0, 4, 4), 1, new float[36], 0)))
                .hasMessageThat().contains("is not inside a 10 x 10 matrix");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> TileStaging.gather(src, new Region(0, 0, 4, 4), 1, FloatBuffer.allocate(40), 5)))
                .hasMessageThat().isEqualTo("dst needs 36 elements from 5 but has 40");
    }
}
