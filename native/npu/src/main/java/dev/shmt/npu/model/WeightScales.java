package dev.shmt.npu.model;

/**
 * The granularity of int8 weight scales. Per channel keeps a channel with small weights from losing
 * its precision to the largest weight of another channel; per tensor is what older delegates accept.
 * Ignored for float32 models.
 */
public enum WeightScales {
    PER_TENSOR,
    PER_CHANNEL
}
