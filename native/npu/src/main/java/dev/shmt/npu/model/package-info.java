/**
 * A Java writer of {@code .tflite} models ({@link dev.shmt.npu.model.ModelBuilder}): single-subgraph,
 * static-shape float32 or int8 models for the NPU device, built and calibrated at run time from weights
 * held in Java, so no Python converter is needed between a VOP and its model.
 */
package dev.shmt.npu.model;
