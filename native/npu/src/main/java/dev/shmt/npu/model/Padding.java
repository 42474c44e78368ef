package dev.shmt.npu.model;

/**
 * How a convolution treats the border, as TFLite defines it. SAME pads with zeros so the output keeps
 * {@code ceil(in / stride)} cells; VALID only places the kernel where it fits wholly inside.
 */
public enum Padding {
    SAME(org.tensorflow.lite.schema.Padding.SAME),
    VALID(org.tensorflow.lite.schema.Padding.VALID);

    final byte code;

    Padding(byte code) {
        this.code = code;
    }

    /** Output cells along one axis for input length {@code in}, kernel {@code k} and {@code stride}. */
    int outputSize(int in, int k, int stride) {
        return this == SAME ? ceilDiv(in, stride) : in < k ? 0 : (in - k) / stride + 1;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
