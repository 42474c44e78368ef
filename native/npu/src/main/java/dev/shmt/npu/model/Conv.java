package dev.shmt.npu.model;

import java.util.Objects;

/**
 * The constant part of a convolution: float weights, bias, strides, padding and fused activation.
 * Immutable; each setter returns a copy, so one spec can be reused with variations. Weights stay
 * float here: the builder quantizes them only once it knows whether the input is int8, and with which
 * scale.
 *
 * <p>Weight layout is TFLite's: {@code [outChannels][kh][kw][inChannels]} for {@link
 * ModelBuilder#conv2d}, {@code [1][kh][kw][channels]} for {@link ModelBuilder#depthwiseConv2d} (where
 * {@code outChannels} is the channel count, as the depth multiplier is 1).
 */
public final class Conv {
    final float[] weights;
    final int outChannels;
    final int kh;
    final int kw;
    final float[] bias; // null: no bias (zeros are written, TFLite kernels expect the input)
    final int strideH;
    final int strideW;
    final Padding padding;
    final Activation activation;

    private Conv(float[] weights, int outChannels, int kh, int kw, float[] bias, int strideH, int strideW,
            Padding padding, Activation activation) {
        this.weights = weights;
        this.outChannels = outChannels;
        this.kh = kh;
        this.kw = kw;
        this.bias = bias;
        this.strideH = strideH;
        this.strideW = strideW;
        this.padding = padding;
        this.activation = activation;
    }

    /**
     * A stride-1, VALID, no-activation convolution. {@code weights} and {@code bias} are copied.
     *
     * @param bias {@code outChannels} values, or null for none
     */
    public static Conv of(float[] weights, int outChannels, int kh, int kw, float[] bias) {
        Objects.requireNonNull(weights, "weights");
        positive("outChannels", outChannels);
        positive("kh", kh);
        positive("kw", kw);
        long perIn = (long) outChannels * kh * kw;
        if (weights.length == 0 || weights.length % perIn != 0) {
            throw new IllegalArgumentException("weights has " + weights.length + " values, not a multiple of"
                    + " outChannels * kh * kw = " + outChannels + " * " + kh + " * " + kw + " = " + perIn);
        }
        if (bias != null && bias.length != outChannels) {
            throw new IllegalArgumentException("bias has " + bias.length + " values but outChannels is "
                    + outChannels);
        }
        ModelBuilder.checkFinite("weights", weights);
        if (bias != null) {
            ModelBuilder.checkFinite("bias", bias);
        }
        return new Conv(weights.clone(), outChannels, kh, kw, bias == null ? null : bias.clone(), 1, 1,
                Padding.VALID, Activation.NONE);
    }

    public Conv stride(int strideH, int strideW) {
        positive("strideH", strideH);
        positive("strideW", strideW);
        return new Conv(weights, outChannels, kh, kw, bias, strideH, strideW, padding, activation);
    }

    public Conv padding(Padding padding) {
        Objects.requireNonNull(padding, "padding");
        return new Conv(weights, outChannels, kh, kw, bias, strideH, strideW, padding, activation);
    }

    public Conv activation(Activation activation) {
        Objects.requireNonNull(activation, "activation");
        return new Conv(weights, outChannels, kh, kw, bias, strideH, strideW, padding, activation);
    }

    /** Input channels the weights imply for a regular convolution. */
    int inChannels() {
        return weights.length / (outChannels * kh * kw);
    }

    private static void positive(String what, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + v);
        }
    }
}
