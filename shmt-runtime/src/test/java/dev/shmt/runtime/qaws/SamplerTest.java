package dev.shmt.runtime.qaws;

import static com.google.common.truth.Truth.assertWithMessage;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The three samplers on crafted tiles. Tiles sit inside a larger backing array (offset and stride
 * like a tile view of a big matrix) surrounded by NaN, so a sampler reading outside its tile shows up
 * as non-finite samples.
 */
class SamplerTest {
    private static final int STRIDE = 300;
    private static final int OFFSET = 5 * STRIDE + 7; // tile origin at row 5, column 7 of the backing grid

    /** A backing array of NaN with a rows x cols tile of zeros at {@link #OFFSET}. */
    private static float[] tile(int rows, int cols) {
        float[] a = new float[(rows + 10) * STRIDE];
        Arrays.fill(a, Float.NaN);
        for (int r = 0; r < rows; r++) {
            Arrays.fill(a, OFFSET + r * STRIDE, OFFSET + r * STRIDE + cols, 0f);
        }
        return a;
    }

    private static void set(float[] a, int r, int c, float v) {
        a[OFFSET + r * STRIDE + c] = v;
    }

    private static TileStats sample(Sampler s, float[] a, int rows, int cols, int n, long seed) {
        TileStats stats = new TileStats();
        s.sample(a, OFFSET, rows, cols, STRIDE, n, seed, stats);
        return stats;
    }

    @ParameterizedTest
    @ValueSource(chars = {'s', 'u', 'r'})
    void everySamplerCatchesVariationOnlyInTheLastRows(char code) {
        float[] a = tile(256, 256);
        for (int r = 248; r < 256; r++) { // the last 8 of 256 rows: 3% of the tile
            for (int c = 0; c < 256; c++) {
                set(a, r, c, 100f);
            }
        }
        // Uniform needs more draws than the others to hit 3% of the tile reliably: 128 draws miss with
        // probability 0.97^128 = 2%, so check several seeds and ask for most of them.
        int caught = 0;
        for (long seed = 0; seed < 10; seed++) {
            TileStats st = sample(Sampler.forCode(code), a, 256, 256, 128, seed);
            assertWithMessage("sampler %s read outside its tile", code).that(st.nonFinite()).isEqualTo(0);
            caught += st.range() == 100.0 ? 1 : 0;
        }
        assertWithMessage("sampler %s: seeds out of 10 that saw the last rows", code).that(caught)
                .isAtLeast(code == 'u' ? 8 : 10);
    }

    @Test
    void stridingWalksAcrossColumnsWhenTheStepIsAMultipleOfTheWidth() {
        // 256 x 256 with 32 samples: a plain step of 65536 / 32 = 2048 = 8 rows would stay in one column.
        float[] a = tile(256, 256);
        for (int r = 0; r < 256; r++) {
            for (int c = 128; c < 256; c++) {
                set(a, r, c, 1f);
            }
        }
        TileStats st = sample(new StridingSampler(), a, 256, 256, 32, 0);
        assertWithMessage("samples taken").that(st.count()).isEqualTo(32);
        assertWithMessage("range over a tile whose right half is 1").that(st.range()).isEqualTo(1.0);
        assertWithMessage("mean: about half the samples on each side").that(st.mean()).isWithin(0.2).of(0.5);
    }

    @Test
    void stridingReachesBothEndsOfTheTile() {
        float[] a = tile(64, 64);
        set(a, 0, 0, -5f);
        set(a, 63, 63, 5f);
        // Every cell: the run must start at the first cell and end at the last.
        TileStats all = sample(new StridingSampler(), a, 64, 64, 64 * 64, 0);
        assertWithMessage("samples when asking for every cell").that(all.count()).isEqualTo(64 * 64);
        assertWithMessage("range when every cell is read").that(all.range()).isEqualTo(10.0);
    }

    @Test
    void samplersNeverReadMoreCellsThanTheTileHas() {
        float[] a = tile(3, 3);
        for (char code : new char[] {'s', 'r'}) {
            TileStats st = sample(Sampler.forCode(code), a, 3, 3, 1000, 1);
            assertWithMessage("samples of a 3 x 3 tile by %s", code).that(st.count()).isEqualTo(9);
        }
        // Uniform draws with replacement: capped at the cell count too.
        assertWithMessage("uniform draws on a 3 x 3 tile").that(sample(new UniformSampler(), a, 3, 3, 1000, 1).count())
                .isEqualTo(9);
    }

    @Test
    void uniformIsReproducibleBySeed() {
        float[] a = tile(200, 200);
        float v = 0;
        for (int r = 0; r < 200; r++) {
            for (int c = 0; c < 200; c++) {
                set(a, r, c, v++);
            }
        }
        TileStats first = sample(new UniformSampler(), a, 200, 200, 50, 42);
        TileStats again = sample(new UniformSampler(), a, 200, 200, 50, 42);
        TileStats other = sample(new UniformSampler(), a, 200, 200, 50, 43);
        assertWithMessage("mean, same seed").that(again.mean()).isEqualTo(first.mean());
        assertWithMessage("std, same seed").that(again.stdDev()).isEqualTo(first.stdDev());
        assertWithMessage("range, same seed").that(again.range()).isEqualTo(first.range());
        // Every cell has its own value, so another seed drawing the same 50 cells is practically impossible.
        assertWithMessage("mean, another seed").that(other.mean()).isNotEqualTo(first.mean());
        assertWithMessage("draws").that(first.count()).isEqualTo(50);
        assertWithMessage("read outside the tile").that(first.nonFinite() + other.nonFinite()).isEqualTo(0);
    }

    @Test
    void reductionGridCoversEveryDimension() {
        // Variation only in the last 10 columns, then only in the last 10 rows.
        float[] cols = tile(256, 256);
        float[] rows = tile(256, 256);
        for (int i = 0; i < 256; i++) {
            for (int j = 246; j < 256; j++) {
                set(cols, i, j, 1f);
                set(rows, j, i, 1f);
            }
        }
        ReductionSampler r = new ReductionSampler();
        assertWithMessage("grid saw the last columns").that(sample(r, cols, 256, 256, 32, 0).range()).isEqualTo(1.0);
        assertWithMessage("grid saw the last rows").that(sample(r, rows, 256, 256, 32, 0).range()).isEqualTo(1.0);
    }

    @Test
    void reductionStepIsTheLargestGivingEnoughSamples() {
        int[][] cases = {{256, 256, 32}, {4, 16384, 32}, {1, 65536, 2}, {1000, 3, 100}, {7, 7, 49}, {7, 7, 1}};
        for (int[] c : cases) {
            int s = ReductionSampler.step(c[0], c[1], c[2]);
            assertWithMessage("points at step %s for %s", s, Arrays.toString(c))
                    .that(ReductionSampler.points(c[0], c[1], s)).isAtLeast(c[2]);
            if (s < Math.max(c[0], c[1])) { // past the longest side a larger step changes nothing
                assertWithMessage("points at step %s for %s", s + 1, Arrays.toString(c))
                        .that(ReductionSampler.points(c[0], c[1], s + 1)).isLessThan(c[2]);
            }
        }
        float[] a = tile(256, 256);
        assertWithMessage("samples read on 256 x 256 asking 32").that(sample(new ReductionSampler(), a, 256, 256, 32, 0)
                .count()).isEqualTo(ReductionSampler.points(256, 256, ReductionSampler.step(256, 256, 32)));
    }

    @Test
    void oneDimensionalChunksAreSampledAlongTheirLength() {
        float[] a = new float[70_000];
        for (int i = 65_000; i < 65_536; i++) {
            a[i] = 3f; // the last 536 elements of a 65536-element chunk
        }
        for (char code : new char[] {'s', 'r'}) {
            TileStats st = new TileStats();
            Sampler.forCode(code).sample(a, 0, 1, 65_536, 65_536, 256, 0, st);
            assertWithMessage("%s on a 1-D chunk", code).that(st.range()).isEqualTo(3.0);
        }
    }

    @Test
    void unknownSamplerIsRefusedByName() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Sampler.forCode('x'));
        assertWithMessage("message").that(e).hasMessageThat().contains("sampler 'x' is unknown");
    }
}
