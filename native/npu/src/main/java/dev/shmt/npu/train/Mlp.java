package dev.shmt.npu.train;

import java.util.Arrays;

/**
 * A small float multilayer perceptron: fully connected layers, tanh after every hidden layer, a
 * linear last layer with one output. It works on normalized values (see {@link Normalization}).
 * Weights are layer by layer {@code [out][in]} row-major, the layout the TFLite FULLY_CONNECTED
 * operator takes, so export copies nothing. Sums are taken in double and tanh is
 * {@link StrictMath#tanh}, so the same weights give the same outputs on every JVM.
 */
public final class Mlp {
    private final int[] sizes; // inputs, hidden..., outputs
    private final float[][] weights;
    private final float[][] biases;

    /**
     * @param sizes layer widths, inputs first, outputs last (at least 2 entries)
     * @param weights per layer {@code sizes[l + 1] x sizes[l]} row-major; copied
     * @param biases per layer {@code sizes[l + 1]}; copied
     */
    public Mlp(int[] sizes, float[][] weights, float[][] biases) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("sizes must give at least inputs and outputs, got " + Arrays.toString(sizes));
        }
        if (weights.length != sizes.length - 1 || biases.length != sizes.length - 1) {
            throw new IllegalArgumentException("sizes " + Arrays.toString(sizes) + " need " + (sizes.length - 1)
                    + " weight and bias arrays, got " + weights.length + " and " + biases.length);
        }
        for (int l = 0; l < weights.length; l++) {
            if (sizes[l] < 1 || sizes[l + 1] < 1) {
                throw new IllegalArgumentException("sizes must all be >= 1, got " + Arrays.toString(sizes));
            }
            if (weights[l].length != sizes[l] * sizes[l + 1] || biases[l].length != sizes[l + 1]) {
                throw new IllegalArgumentException("layer " + l + " (" + sizes[l] + " -> " + sizes[l + 1] + ") needs "
                        + sizes[l] * sizes[l + 1] + " weights and " + sizes[l + 1] + " biases, got "
                        + weights[l].length + " and " + biases[l].length);
            }
        }
        this.sizes = sizes.clone();
        this.weights = new float[weights.length][];
        this.biases = new float[biases.length][];
        for (int l = 0; l < weights.length; l++) {
            this.weights[l] = weights[l].clone();
            this.biases[l] = biases[l].clone();
        }
    }

    /** Layer widths, inputs first. */
    public int[] sizes() {
        return sizes.clone();
    }

    public int inputs() {
        return sizes[0];
    }

    public int outputs() {
        return sizes[sizes.length - 1];
    }

    /** Number of fully connected layers. */
    public int layers() {
        return weights.length;
    }

    /** Layer {@code l}'s weights, {@code [out][in]} row-major; a copy. */
    public float[] weights(int l) {
        return weights[l].clone();
    }

    public float[] biases(int l) {
        return biases[l].clone();
    }

    /** Per-thread buffers for {@link #forward}: each layer's pre-activation (FC output) and activation. */
    public final class Scratch {
        final float[][] pre = new float[weights.length][];
        final float[][] act = new float[weights.length][];

        Scratch() {
            for (int l = 0; l < weights.length; l++) {
                pre[l] = new float[sizes[l + 1]];
                act[l] = new float[sizes[l + 1]];
            }
        }

        /** Layer {@code l}'s fully connected output before its activation, from the last forward pass. */
        public float[] preActivation(int l) {
            return pre[l];
        }
    }

    public Scratch newScratch() {
        return new Scratch();
    }

    /**
     * Runs the point {@code x[offset .. offset + inputs)} and returns the first output; the layers'
     * values stay in {@code s} for calibration.
     */
    public float forward(float[] x, int offset, Scratch s) {
        float[] in = x;
        int inOff = offset;
        for (int l = 0; l < weights.length; l++) {
            int nIn = sizes[l];
            int nOut = sizes[l + 1];
            float[] w = weights[l];
            float[] b = biases[l];
            float[] pre = s.pre[l];
            float[] act = s.act[l];
            boolean hidden = l < weights.length - 1;
            for (int k = 0; k < nOut; k++) {
                double sum = b[k];
                int row = k * nIn;
                for (int j = 0; j < nIn; j++) {
                    sum += (double) w[row + j] * in[inOff + j];
                }
                pre[k] = (float) sum;
                act[k] = hidden ? (float) StrictMath.tanh(sum) : (float) sum;
            }
            in = act;
            inOff = 0;
        }
        return s.act[weights.length - 1][0];
    }

    /** Runs {@code n} row-major points of {@code x} and writes the first output of each to {@code out}. */
    public void forward(float[] x, int n, float[] out) {
        Scratch s = newScratch();
        for (int i = 0; i < n; i++) {
            out[i] = forward(x, i * sizes[0], s);
        }
    }

    /** True when both have the same sizes and bitwise the same weights and biases. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Mlp m && Arrays.equals(sizes, m.sizes) && Arrays.deepEquals(weights, m.weights)
                && Arrays.deepEquals(biases, m.biases);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(sizes) + Arrays.deepHashCode(weights);
    }

    @Override
    public String toString() {
        return "Mlp" + Arrays.toString(sizes);
    }
}
