package dev.shmt.runtime.testing;

import dev.shmt.api.FloatArray;
import dev.shmt.api.Partition;
import dev.shmt.api.VopCall;

/** An ELEMENTWISE call that copies {@code a} into {@code out}, one 1024-element HLOP per chunk. */
public final class CopyVop {
    private CopyVop() {}

    public static VopCall of(FloatArray a, FloatArray out) {
        return VopCall.builder("copy", Partition.ELEMENTWISE).length(a.length()).chunkHint(1024)
                .cpu(r -> {
                    FloatArray x = a.slice(r);
                    FloatArray y = out.slice(r);
                    for (int i = 0; i < x.length(); i++) {
                        y.set(i, x.get(i));
                    }
                    return null;
                })
                .build();
    }
}
