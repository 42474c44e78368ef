package dev.shmt.api;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.gpu.GpuKernelRef;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

class VopCallTest {
    private static final CpuKernel NOTHING = r -> null;

    @Test
    void carriesItsImplementationsByType() {
        Runnable gpuStandIn = () -> {};
        VopCall call = VopCall.builder("v", Partition.TILE_2D).shape(4, 5).halo(1).border(Border.ZERO)
                .cpu(NOTHING).implementation(Runnable.class, gpuStandIn).build();
        assertThat(call.cpuKernel()).isSameInstanceAs(NOTHING);
        assertThat(call.implementation(Runnable.class)).isSameInstanceAs(gpuStandIn);
        assertThat(call.implementation(String.class)).isNull();
        assertThat(call.rows()).isEqualTo(4);
        assertThat(call.border()).isEqualTo(Border.ZERO);
    }

    @Test
    void refusesInconsistentCalls() {
        assertThat(assertThrows(IllegalStateException.class,
                () -> VopCall.builder("v", Partition.ROWS).shape(2, 2).halo(1).cpu(NOTHING).build()))
                .hasMessageThat().isEqualTo("v: halo 1 needs TILE_2D, not ROWS");
        assertThat(assertThrows(IllegalStateException.class,
                () -> VopCall.builder("v", Partition.REDUCE).length(9).cpu(NOTHING).build()))
                .hasMessageThat().isEqualTo("v: REDUCE needs a combiner");
        BinaryOperator<Float> sum = Float::sum;
        assertThat(assertThrows(IllegalStateException.class,
                () -> VopCall.builder("v", Partition.ELEMENTWISE).length(9).cpu(NOTHING).combiner(sum).build()))
                .hasMessageThat().contains("a combiner only applies to REDUCE");
        assertThat(assertThrows(IllegalStateException.class,
                () -> VopCall.builder("v", Partition.ELEMENTWISE).shape(2, 9).cpu(NOTHING).build()))
                .hasMessageThat().contains("use length(n)");
        assertThat(assertThrows(IllegalStateException.class,
                () -> VopCall.builder("v", Partition.TILE_2D).cpu(NOTHING).build()))
                .hasMessageThat().contains("set the domain");
        assertThat(assertThrows(IllegalStateException.class,
                () -> VopCall.builder("v", Partition.TILE_2D).shape(3, 3).build()))
                .hasMessageThat().contains("no implementation");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> VopCall.builder("v", Partition.TILE_2D).halo(-1)))
                .hasMessageThat().isEqualTo("halo must be >= 0, got -1");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> VopCall.builder("v", Partition.TILE_2D).shape(100_000, 100_000)))
                .hasMessageThat().contains("does not fit in a Java array");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> VopCall.builder("v", Partition.TILE_2D).criticalFraction(1.5)))
                .hasMessageThat().contains("criticalFraction must be in [0, 1]");
    }

    @Test
    void aTileMultipleIsPositiveAndOnlyForTiles() {
        assertThat(VopCall.builder("v", Partition.TILE_2D).shape(8, 8).tileMultiple(8).cpu(NOTHING).build()
                .tileMultiple()).isEqualTo(8);
        assertThat(VopCall.builder("v", Partition.ROWS).shape(8, 8).cpu(NOTHING).build().tileMultiple()).isEqualTo(0);
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> VopCall.builder("v", Partition.TILE_2D).tileMultiple(0)))
                .hasMessageThat().isEqualTo("tileMultiple must be >= 1, got 0");
        assertThat(assertThrows(IllegalStateException.class,
                () -> VopCall.builder("v", Partition.ELEMENTWISE).length(9).tileMultiple(8).cpu(NOTHING).build()))
                .hasMessageThat().isEqualTo("v: tileMultiple 8 needs TILE_2D or ROWS, not ELEMENTWISE");
    }

    @Test
    void aGpuKernelsPartialIsReturnedOnlyAsAnArrayThatHoldsItExactly() {
        GpuKernelRef.Partial counts = new GpuKernelRef.Partial(GpuKernel.PartialType.UINT32, 256, long[].class);
        assertThat(new GpuKernelRef(VopCallTest.class, "k.ptx", "k", GpuKernel.Launch.PER_CELL, counts).partial())
                .isEqualTo(counts);
        assertThat(new GpuKernelRef(VopCallTest.class, "k.ptx", "k").partial()).isNull();
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> new GpuKernelRef.Partial(GpuKernel.PartialType.UINT32, 256, int[].class)))
                .hasMessageThat().isEqualTo("a UINT32 partial converts exactly to [long[]], not to int[]");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> new GpuKernelRef.Partial(GpuKernel.PartialType.FLOAT32, 0, float[].class)))
                .hasMessageThat().isEqualTo("partial length must be >= 1, got 0");
    }

    @Test
    void carriesItsArgumentsInParameterOrder() {
        FloatMatrix src = FloatMatrix.create(4, 5);
        FloatMatrix dst = FloatMatrix.create(4, 5);
        VopCall call = VopCall.builder("v", Partition.TILE_2D).shape(4, 5)
                .arg("src", VopCall.Role.IN, src).arg("dst", VopCall.Role.OUT, dst).arg("k", VopCall.Role.SCALAR, 2f)
                .cpu(NOTHING).build();
        assertThat(call.args()).containsExactly(new VopCall.Arg("src", VopCall.Role.IN, src),
                new VopCall.Arg("dst", VopCall.Role.OUT, dst), new VopCall.Arg("k", VopCall.Role.SCALAR, 2f)).inOrder();
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> VopCall.builder("v", Partition.TILE_2D).arg("a", VopCall.Role.IN, 3f)))
                .hasMessageThat().isEqualTo("argument 'a' (IN) must be a FloatMatrix or FloatArray view, got 3.0");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> VopCall.builder("v", Partition.TILE_2D).arg("a", VopCall.Role.IN, src).arg("a", VopCall.Role.OUT, dst)))
                .hasMessageThat().isEqualTo("argument 'a' is already set");
    }

    @Test
    void carriesItsEmulationCostsByKind_immutably() {
        VopCall call = VopCall.builder("v", Partition.TILE_2D).shape(4, 4).cpu(NOTHING)
                .cost(DeviceKind.GPU, 40, 8).cost(DeviceKind.CPU, 40, 8.5).build();
        assertThat(call.cost(DeviceKind.CPU)).isEqualTo(new VopCall.Cost(DeviceKind.CPU, 40, 8.5));
        assertThat(call.cost(DeviceKind.NPU)).isNull();
        assertThat(call.costs().keySet()).containsExactly(DeviceKind.CPU, DeviceKind.GPU).inOrder();
        assertThrows(UnsupportedOperationException.class, () -> call.costs().remove(DeviceKind.CPU));
        assertThat(VopCall.builder("v", Partition.TILE_2D).shape(4, 4).cpu(NOTHING).build().costs()).isEmpty();
    }

    @Test
    void refusesACostThatIsNotPositiveAndFinite_orASecondForOneKind() {
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> VopCall.builder("v", Partition.TILE_2D).cost(DeviceKind.GPU, 0, 8)))
                .hasMessageThat().isEqualTo("opsPerCell of the GPU cost must be a positive finite number, got 0.0");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> VopCall.builder("v", Partition.TILE_2D).cost(DeviceKind.NPU, 1, Double.NaN)))
                .hasMessageThat().isEqualTo("bytesPerCell of the NPU cost must be a positive finite number, got NaN");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> VopCall.builder("v", Partition.TILE_2D).cost(DeviceKind.CPU, Double.POSITIVE_INFINITY, 1)))
                .hasMessageThat().contains("opsPerCell of the CPU cost must be a positive finite number");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> VopCall.builder("v", Partition.TILE_2D).cost(DeviceKind.CPU, 1, 1).cost(DeviceKind.CPU, 2, 2)))
                .hasMessageThat().isEqualTo("v: the CPU cost is already set: one per device kind");
    }

    @Test
    void vopChecksNameTheArgument() {
        FloatMatrix m = FloatMatrix.create(6, 8);
        // Side-by-side halves of one matrix share no cell, so a row-block VOP may read one and write the other.
        VopChecks.notAliased("v", "out", m.region(0, 4, 6, 4), "in", m.region(0, 0, 6, 4), 0);
        // The very same view is in-place work, fine without a halo ...
        VopChecks.notAliased("v", "out", m, "in", m, 0);
        // ... and refused with one.
        assertThat(assertThrows(IllegalArgumentException.class, () -> VopChecks.notAliased("v", "out", m, "in", m, 2)))
                .hasMessageThat().isEqualTo("v: output 'out' must not overlap input 'in': a stencil with halo 2 reads"
                        + " cells that other tiles write");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> VopChecks.notAliased("v", "out", m.region(0, 0, 3, 8), "in", m.region(1, 0, 3, 8), 0)))
                .hasMessageThat().contains("output 'out' partly overlaps input 'in'");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> VopChecks.sameRows("v", "b", FloatMatrix.create(5, 2), "a", m)))
                .hasMessageThat().isEqualTo("v: argument 'b' must have 6 rows like 'a', got 5 x 2");
    }
}
