package dev.shmt.runtime.partition;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.shmt.api.Partition;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A VOP's tile multiple ({@code @Vop(tileMultiple = ...)}): whichever hint a tile size comes from, it is
 * rounded down to a multiple, never below one, and only the last tile at the matrix's edge is shorter.
 */
class TileMultipleTest {
    private static VopCall tiles(int rows, int cols, int multiple, int vopTileRows, int vopTileCols) {
        VopCall.Builder b = VopCall.builder("t", Partition.TILE_2D).shape(rows, cols).cpu(r -> null);
        if (multiple > 0) {
            b.tileMultiple(multiple);
        }
        return b.tileHint(vopTileRows, vopTileCols).build();
    }

    /** The distinct tile heights (column 0) and widths (row 0), in order. */
    private static List<Integer> heights(List<Region> regions) {
        return regions.stream().filter(r -> r.col() == 0).map(Region::rows).toList();
    }

    private static List<Integer> widths(List<Region> regions) {
        return regions.stream().filter(r -> r.row() == 0).map(Region::cols).toList();
    }

    @Test
    void aRuntimeTileHintIsRoundedDownToTheMultiple() {
        List<Region> regions = Partitioner.split(tiles(200, 300, 8, 0, 0), new Hints(100, 100, 0));
        assertThat(heights(regions)).containsExactly(96, 96, 8).inOrder();
        assertThat(widths(regions)).containsExactly(96, 96, 96, 12).inOrder();
        for (Region r : regions) {
            assertWithMessage("origin of %s", r).that(r.row() % 8).isEqualTo(0);
            assertWithMessage("origin of %s", r).that(r.col() % 8).isEqualTo(0);
        }
        assertThat(regions.stream().mapToLong(Region::elements).sum()).isEqualTo(200L * 300);
    }

    @Test
    void theVopsOwnHintAndTheDefaultAreRoundedToo() {
        assertThat(heights(Partitioner.split(tiles(200, 300, 8, 100, 60), Hints.NONE))).containsExactly(96, 96, 8);
        assertThat(widths(Partitioner.split(tiles(200, 300, 8, 100, 60), Hints.NONE)))
                .containsExactly(56, 56, 56, 56, 56, 20).inOrder();
        // The default 256 x 256 tile, in multiples of 24: 240.
        assertThat(heights(Partitioner.split(tiles(500, 500, 24, 0, 0), Hints.NONE))).containsExactly(240, 240, 20);
    }

    @Test
    void aHintBelowTheMultipleGetsOneMultiple() {
        List<Region> regions = Partitioner.split(tiles(32, 32, 8, 0, 0), new Hints(5, 3, 0));
        assertThat(heights(regions)).containsExactly(8, 8, 8, 8);
        assertThat(widths(regions)).containsExactly(8, 8, 8, 8);
    }

    @Test
    void withoutAMultipleTheHintStands() {
        assertThat(heights(Partitioner.split(tiles(200, 300, 0, 0, 0), new Hints(100, 100, 0))))
                .containsExactly(100, 100);
        assertThat(Partitioner.multipleOf(0, 100)).isEqualTo(100);
        assertThat(Partitioner.multipleOf(1, 100)).isEqualTo(100);
    }

    @Test
    void rowBlocksAreRoundedToo() {
        VopCall rows = VopCall.builder("r", Partition.ROWS).shape(30, 7).tileMultiple(4).tileHint(10, 0)
                .cpu(r -> null).build();
        assertThat(Partitioner.split(rows, Hints.NONE).stream().map(Region::rows).toList())
                .containsExactly(8, 8, 8, 6).inOrder();
        assertThat(Partitioner.split(rows, new Hints(3, 0, 0)).stream().map(Region::rows).toList())
                .containsExactly(4, 4, 4, 4, 4, 4, 4, 2).inOrder();
    }
}
