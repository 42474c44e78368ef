package dev.shmt.api;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
