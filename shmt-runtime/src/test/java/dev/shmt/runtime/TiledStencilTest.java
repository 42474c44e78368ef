package dev.shmt.runtime;

import static com.google.common.truth.Truth.assertThat;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Partition;
import dev.shmt.api.Report;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.device.CpuDevice;
import dev.shmt.runtime.testing.StagedTileOp;
import dev.shmt.runtime.testing.StagingDevice;
import dev.shmt.runtime.testing.Stencils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tiled execution of a stencil must be bitwise identical to the body called on the whole matrix. */
class TiledStencilTest {
    private static ShmtRuntime runtime;

    @BeforeAll
    static void start() {
        // Devices reading the caller's matrix in place and a device working on staged copies, with
        // stealing, so neighbouring tiles run on different devices, threads and memory.
        runtime = ShmtRuntime.builder().discoverDevices(false)
                .addDevice(new CpuDevice("cpu", 2)).addDevice(new CpuDevice("cpu2", 1))
                .addDevice(new StagingDevice("staged")).policy("ws").build();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    static Stream<Arguments> cases() {
        int[][] shapes = {
            {1000, 777, 256, 256}, // odd shape, tiles that do not divide
            {100, 77, 256, 256}, // smaller than one tile
            {37, 53, 8, 5}, // many tiny non-square tiles, smaller than twice the halo in places
            {1, 300, 1, 64}, // a single row
            {3, 2, 1, 1}, // tiles of one cell, a matrix narrower than the halo
        };
        List<Arguments> out = new ArrayList<>();
        for (Border border : Border.values()) {
            for (int halo : new int[] {1, 2}) {
                for (int[] s : shapes) {
                    out.add(Arguments.of(border, halo, s[0], s[1], s[2], s[3]));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} halo {1}: {2} x {3} in {4} x {5} tiles")
    @MethodSource("cases")
    void tiledEqualsUntiled(Border border, int halo, int rows, int cols, int tileRows, int tileCols) {
        FloatMatrix src = Stencils.random(rows, cols, 31L * rows + cols).withBorder(border);
        FloatMatrix ref = FloatMatrix.create(rows, cols);
        Stencils.weighted(src, ref, halo);

        FloatMatrix dst = FloatMatrix.create(rows, cols);
        Arrays.fill(dst.array(), Float.NaN);
        VopCall call = VopCall.builder("weighted", Partition.TILE_2D).shape(rows, cols).halo(halo).border(border)
                .tileHint(tileRows, tileCols)
                .cpu(region -> {
                    Stencils.weighted(src.tile(region, halo), dst.region(region), halo);
                    return null;
                })
                .implementation(StagedTileOp.class,
                        new StagedTileOp(src, dst, halo, (in, out) -> Stencils.weighted(in, out, halo)))
                .build();
        Report report = runtime.execute(call);

        assertThat(dst.array()).isEqualTo(ref.array());
        int expectedTiles = ceil(rows, Math.min(tileRows, rows)) * ceil(cols, Math.min(tileCols, cols));
        assertThat(report.hlops()).hasSize(expectedTiles);
        seen.addAll(report.hlops().stream().map(Report.HlopRecord::device).toList());
    }

    private static final java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @AfterAll
    static void everyDeviceTookPart() {
        // Otherwise a case could pass with the staged path never exercised.
        assertThat(seen).containsExactly("cpu", "cpu2", "staged");
    }

    private static int ceil(int a, int b) {
        return (a + b - 1) / b;
    }
}
