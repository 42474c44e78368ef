package dev.shmt.processor;

import static dev.shmt.processor.ProcessorErrorsTest.assertError;
import static dev.shmt.processor.ProcessorErrorsTest.assertWarning;

import org.junit.jupiter.api.Test;

/** {@code @Vop(tileMultiple = ...)}: at least 1, only for tiles, and the VOP's own tile hints a multiple of it. */
class TileMultipleErrorsTest {
    @Test
    void aNegativeMultiple() {
        assertError("[ShmtVopTileMultipleRange] tileMultiple must be >= 1 (tile sides come in multiples of it), or 0"
                        + " for any size; got -8",
                "class Ops {",
                "    @Vop(partition = Partition.TILE_2D, tileMultiple = -8) //!",
                "    static void copy(@In FloatMatrix a, @Out FloatMatrix b) {}",
                "}");
    }

    @Test
    void aMultipleForChunks() {
        assertError("[ShmtVopTileMultipleModel] tileMultiple 8 only applies to TILE_2D and ROWS; ELEMENTWISE HLOPs are"
                        + " chunks of whole pages, not tiles",
                "class Ops {",
                "    @Vop(partition = Partition.ELEMENTWISE,",
                "         tileMultiple = 8) //!",
                "    static void copy(@In FloatArray a, @Out FloatArray b) {}",
                "}");
    }

    @Test
    void aTileHintThatIsNotAMultipleWarns() {
        assertWarning("[ShmtVopTileNotMultiple] tileCols 100 is not a multiple of tileMultiple 8: the runtime uses 96",
                "class Ops {",
                "    @Vop(partition = Partition.TILE_2D, tileMultiple = 8, tileRows = 64,",
                "         tileCols = 100) //!",
                "    static void copy(@In FloatMatrix a, @Out FloatMatrix b) {}",
                "}");
    }
}
