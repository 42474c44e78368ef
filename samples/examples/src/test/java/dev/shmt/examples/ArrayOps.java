package dev.shmt.examples;

import dev.shmt.api.FloatArray;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.In;
import dev.shmt.api.Out;
import dev.shmt.api.Partition;
import dev.shmt.api.Vop;

/** One VOP per partition model, compiled by the processor in this module's ordinary Maven build. */
public final class ArrayOps {
    private ArrayOps() {}

    @Vop(partition = Partition.ELEMENTWISE, chunk = 2048)
    public static void clampedScale(@In FloatArray x, @Out FloatArray y, float k, float limit) {
        for (int i = 0; i < y.length(); i++) {
            y.set(i, Math.min(limit, k * x.get(i)));
        }
    }

    /** Laplacian with zero outside the image: halo 1, ZERO border. */
    @Vop(partition = Partition.TILE_2D, halo = 1, border = dev.shmt.api.Border.ZERO)
    public static void laplace(@In FloatMatrix src, @Out FloatMatrix dst) {
        for (int r = 0; r < dst.rows(); r++) {
            for (int c = 0; c < dst.cols(); c++) {
                dst.set(r, c, src.get(r - 1, c) + src.get(r + 1, c) + src.get(r, c - 1) + src.get(r, c + 1)
                        - 4f * src.get(r, c));
            }
        }
    }

    /** Reverses each row: a row-wise transform that needs whole rows. */
    @Vop(partition = Partition.ROWS)
    public static void reverseRows(@In FloatMatrix src, @Out FloatMatrix dst) {
        int n = src.cols();
        for (int r = 0; r < src.rows(); r++) {
            for (int c = 0; c < n; c++) {
                dst.set(r, c, src.get(r, n - 1 - c));
            }
        }
    }

    /** How many elements exceed the threshold. */
    @Vop(partition = Partition.REDUCE, combiner = "add")
    public static long countAbove(@In FloatArray a, float threshold) {
        long n = 0;
        for (int i = 0; i < a.length(); i++) {
            if (a.get(i) > threshold) {
                n++;
            }
        }
        return n;
    }

    static long add(long a, long b) {
        return a + b;
    }
}
