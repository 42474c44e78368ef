package dev.shmt.spark;

import dev.shmt.api.FloatArray;
import dev.shmt.api.In;
import dev.shmt.api.Out;
import dev.shmt.api.Partition;
import dev.shmt.api.Vop;

/** A user's element-wise VOP, for the array path: the samples have none with one input and one output. */
public final class Scale {
    private Scale() {}

    @Vop(partition = Partition.ELEMENTWISE)
    public static void affine(@In FloatArray in, @Out FloatArray out) {
        for (int i = 0; i < out.length(); i++) {
            out.set(i, in.get(i) * 1.5f - 2f);
        }
    }
}
