package dev.shmt.examples;

import dev.shmt.api.*;

public final class ImageOps {
    @Vop(partition = Partition.TILE_2D, halo = 1, border = Border.REFLECT_101)
    public static void sharpen(@In FloatMatrix src, @Out FloatMatrix dst, float amount) {
        for (int r = 0; r < dst.rows(); r++) {
            for (int c = 0; c < dst.cols(); c++) {
                float edges = 4 * src.get(r, c) - src.get(r - 1, c) - src.get(r + 1, c)
                        - src.get(r, c - 1) - src.get(r, c + 1);
                dst.set(r, c, src.get(r, c) + amount * edges);
            }
        }
    }
}
