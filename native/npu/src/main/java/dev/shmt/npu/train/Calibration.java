package dev.shmt.npu.train;

import dev.shmt.npu.quant.QuantParams;
import dev.shmt.npu.quant.ValueRange;
import java.util.ArrayList;
import java.util.List;

/**
 * The int8 quantization of a trained {@link Mlp}, measured rather than guessed: the float network
 * runs over a representative (normalized) sample and each fully connected layer's output range gives
 * that layer's output {@link QuantParams}. The model input covers [-1, 1], the normalized domain. The
 * last layer's output covers the union of the normalized targets' range and what the network itself
 * produced, so neither the exact values nor the network's overshoot saturate.
 *
 * <p>A hidden layer's range is clipped to {@code [-TANH_SATURATION, TANH_SATURATION]} before its
 * parameters are derived: TFLite's int8 TANH output has steps of 1/128, and beyond that bound tanh is
 * within half a step of +-1, so the int8 output is the same whether the input saturates there or not.
 * Clipping spends the FC output's 256 steps on the part tanh can still tell apart (with the sizes
 * tried here, a measured [-5.7, 6.3] became [-3.1, 3.1], halving that layer's step).
 */
public record Calibration(QuantParams input, List<ValueRange> layerOutputRanges, List<QuantParams> layerOutputs) {
    /** The normalized input domain every feature is mapped to. */
    public static final ValueRange NORMALIZED_INPUT = new ValueRange(-1f, 1f);

    /** TFLite's fixed step of an int8 TANH output (scale 1/128, zero point 0). */
    static final double TANH_INT8_STEP = 1.0 / 128;

    /** The input past which tanh is within half an int8 output step of +-1 (about 3.12). */
    public static final float TANH_SATURATION = (float) atanh(1 - TANH_INT8_STEP / 2);

    private static double atanh(double v) {
        return 0.5 * Math.log((1 + v) / (1 - v));
    }

    public Calibration {
        layerOutputRanges = List.copyOf(layerOutputRanges);
        layerOutputs = List.copyOf(layerOutputs);
        if (layerOutputRanges.size() != layerOutputs.size() || layerOutputs.isEmpty()) {
            throw new IllegalArgumentException("need one range and one QuantParams per layer, got "
                    + layerOutputRanges.size() + " and " + layerOutputs.size());
        }
    }

    /**
     * Measures {@code mlp} on {@code n} normalized points {@code x} (row-major) with normalized
     * targets {@code y}.
     */
    public static Calibration measure(Mlp mlp, float[] x, float[] y, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        int layers = mlp.layers();
        float[] lo = new float[layers];
        float[] hi = new float[layers];
        java.util.Arrays.fill(lo, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Float.NEGATIVE_INFINITY);
        Mlp.Scratch s = mlp.newScratch();
        int f = mlp.inputs();
        for (int i = 0; i < n; i++) {
            mlp.forward(x, i * f, s);
            for (int l = 0; l < layers; l++) {
                for (float v : s.preActivation(l)) {
                    lo[l] = Math.min(lo[l], v);
                    hi[l] = Math.max(hi[l], v);
                }
            }
        }
        List<ValueRange> ranges = new ArrayList<>(layers);
        List<QuantParams> params = new ArrayList<>(layers);
        for (int l = 0; l < layers; l++) {
            ValueRange r;
            if (l == layers - 1) {
                r = new ValueRange(lo[l], hi[l]).union(ValueRange.of(y, 0, n));
            } else {
                float c = TANH_SATURATION;
                r = new ValueRange(Math.max(-c, Math.min(c, lo[l])), Math.max(-c, Math.min(c, hi[l])));
            }
            ranges.add(r);
            params.add(QuantParams.int8(r));
        }
        return new Calibration(QuantParams.int8(NORMALIZED_INPUT), ranges, params);
    }

    /** The model output's parameters: the last layer's. */
    public QuantParams output() {
        return layerOutputs.get(layerOutputs.size() - 1);
    }
}
