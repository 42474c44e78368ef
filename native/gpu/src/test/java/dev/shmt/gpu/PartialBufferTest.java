package dev.shmt.gpu;

import static com.google.common.truth.Truth.assertThat;

import dev.shmt.api.GpuKernel.PartialType;
import java.nio.IntBuffer;
import org.junit.jupiter.api.Test;

/** A REDUCE kernel's partial, from its 4-byte elements to the VOP's Java array, every value exactly. */
class PartialBufferTest {
    private static final IntBuffer BITS = IntBuffer.wrap(new int[] {0, 1, -1, Integer.MIN_VALUE,
        Float.floatToRawIntBits(0.1f), Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(Float.NaN), 99});

    @Test
    void unsignedCountsWidenToLongWithoutASign() {
        assertThat((long[]) PartialBuffer.toJava(BITS, PartialType.UINT32, long[].class, 4))
                .isEqualTo(new long[] {0, 1, 0xffff_ffffL, 0x8000_0000L});
    }

    @Test
    void intsStaySigned() {
        assertThat((int[]) PartialBuffer.toJava(BITS, PartialType.INT32, int[].class, 4))
                .isEqualTo(new int[] {0, 1, -1, Integer.MIN_VALUE});
        assertThat((long[]) PartialBuffer.toJava(BITS, PartialType.INT32, long[].class, 4))
                .isEqualTo(new long[] {0, 1, -1, Integer.MIN_VALUE});
    }

    @Test
    void floatsKeepTheirBits() {
        float[] f = (float[]) PartialBuffer.toJava(BITS, PartialType.FLOAT32, float[].class, 7);
        assertThat(f[4]).isEqualTo(0.1f);
        assertThat(Float.floatToRawIntBits(f[5])).isEqualTo(Float.floatToRawIntBits(-0f));
        assertThat(f[6]).isNaN();
        double[] d = (double[]) PartialBuffer.toJava(BITS, PartialType.FLOAT32, double[].class, 7);
        assertThat(d[4]).isEqualTo((double) 0.1f);
        assertThat(d).hasLength(7);
    }
}
