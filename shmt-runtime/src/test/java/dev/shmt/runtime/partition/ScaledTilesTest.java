package dev.shmt.runtime.partition;

import static com.google.common.truth.Truth.assertThat;

import dev.shmt.api.Partition;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tiles half or twice the hinted size, as a policy that tries tile sizes asks for them. */
class ScaledTilesTest {
    private static VopCall tiles(int rows, int cols, int multiple) {
        VopCall.Builder b = VopCall.builder("t", Partition.TILE_2D).shape(rows, cols).cpu(r -> null);
        if (multiple > 0) {
            b.tileMultiple(multiple);
        }
        return b.build();
    }

    @Test
    void halfAndDoubleTheHint_cutToTheData_andOnTheMultiple() {
        Hints h = new Hints(128, 128, 0);
        assertThat(Partitioner.split(tiles(512, 512, 0), h, 0)).hasSize(16);
        assertThat(Partitioner.split(tiles(512, 512, 0), h, -1)).hasSize(64);
        assertThat(Partitioner.split(tiles(512, 512, 0), h, 1)).hasSize(4);
        // Doubling past the data gives one tile, not a refusal: the hint itself fitted.
        assertThat(Partitioner.split(tiles(200, 200, 0), h, 1)).containsExactly(new Region(0, 0, 200, 200));
        // Halving keeps whole blocks of a VOP's multiple.
        List<Region> r = Partitioner.split(tiles(96, 96, 24), new Hints(24, 24, 0), -1);
        assertThat(r.get(0).rows()).isEqualTo(24);
    }

    @Test
    void chunksScaleInWholePages() {
        VopCall c = VopCall.builder("c", Partition.ELEMENTWISE).length(64 * 1024).cpu(r -> null).build();
        Hints h = new Hints(0, 0, 4096);
        assertThat(Partitioner.split(c, h, -1)).hasSize(32);
        assertThat(Partitioner.split(c, h, 1)).hasSize(8);
        assertThat(Partitioner.split(c, new Hints(0, 0, 1024), -1).get(0).length()).isEqualTo(1024);
    }
}
