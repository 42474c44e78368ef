package dev.shmt.npu.model;

/**
 * The granularity of int8 weight scales. Per channel keeps a channel with small weights from losing
 * its precision to the largest weight of another channel; per tensor is what older delegates accept.
 * Ignored for float32 models.
 */
public enum WeightScales {
    PER_TENSOR,
    PER_CHANNEL,
    /**
     * Per tensor, the scale among {@code max|w| / q}, q from 64 to 127, that rounds the weights least. Few
     * fixed weights (a stencil's 1, 2 and -4) are often exact at some q: at 127 a weight of 1 next to -4
     * is off by 0.8%, which times an input of the model's whole range is more than a fine output step.
     */
    PER_TENSOR_FITTED
}
