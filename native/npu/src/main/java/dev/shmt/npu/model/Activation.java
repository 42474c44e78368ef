package dev.shmt.npu.model;

import org.tensorflow.lite.schema.ActivationFunctionType;

/**
 * An activation fused into the op before it (TFLite's {@code fused_activation_function}). Only the
 * clamps: they work for int8 too, where TFLite applies them by narrowing the output's int8 range. A
 * free-standing sigmoid or tanh is its own op ({@link ModelBuilder#logistic}, {@link ModelBuilder#tanh}).
 */
public enum Activation {
    NONE(ActivationFunctionType.NONE),
    RELU(ActivationFunctionType.RELU),
    RELU_N1_TO_1(ActivationFunctionType.RELU_N1_TO_1),
    RELU6(ActivationFunctionType.RELU6);

    final byte code;

    Activation(byte code) {
        this.code = code;
    }
}
