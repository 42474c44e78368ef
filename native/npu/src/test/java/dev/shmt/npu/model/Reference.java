package dev.shmt.npu.model;

/**
 * Double-precision references for the builder's ops, written from TFLite's definitions (NHWC, weights
 * {@code [outC][kh][kw][inC]}, SAME padding with the smaller half before), independent of the builder.
 */
final class Reference {
    private Reference() {}

    /** Output size and leading padding along one axis, as TFLite computes them. */
    static int[] geometry(int in, int k, int stride, Padding padding) {
        int out = padding == Padding.SAME ? (in + stride - 1) / stride : (in - k) / stride + 1;
        int padBefore = padding == Padding.SAME ? Math.max((out - 1) * stride + k - in, 0) / 2 : 0;
        return new int[] {out, padBefore};
    }

    /**
     * Convolution of x [1][h][w][inC]. Depthwise: weights [1][kh][kw][C], output channel c reads input
     * channel c only. Returns [1][oh][ow][outC] flattened.
     */
    static double[] conv(float[] x, int h, int w, int inC, float[] weights, int outC, int kh, int kw, float[] bias,
            int sh, int sw, Padding padding, boolean depthwise) {
        int[] gh = geometry(h, kh, sh, padding);
        int[] gw = geometry(w, kw, sw, padding);
        int oh = gh[0];
        int ow = gw[0];
        double[] y = new double[oh * ow * outC];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                for (int o = 0; o < outC; o++) {
                    double acc = bias == null ? 0 : bias[o];
                    for (int ky = 0; ky < kh; ky++) {
                        for (int kx = 0; kx < kw; kx++) {
                            int iy = oy * sh - gh[1] + ky;
                            int ix = ox * sw - gw[1] + kx;
                            if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                                continue; // zero padding
                            }
                            if (depthwise) {
                                acc += (double) weights[(ky * kw + kx) * outC + o] * x[(iy * w + ix) * inC + o];
                            } else {
                                for (int c = 0; c < inC; c++) {
                                    acc += (double) weights[((o * kh + ky) * kw + kx) * inC + c]
                                            * x[(iy * w + ix) * inC + c];
                                }
                            }
                        }
                    }
                    y[(oy * ow + ox) * outC + o] = acc;
                }
            }
        }
        return y;
    }

    /** y[b][o] = sum_i w[o][i] x[b][i] + bias[o]. */
    static double[] fullyConnected(float[] x, int batch, int in, float[] w, int out, float[] bias) {
        double[] y = new double[batch * out];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < out; o++) {
                double acc = bias == null ? 0 : bias[o];
                for (int i = 0; i < in; i++) {
                    acc += (double) w[o * in + i] * x[b * in + i];
                }
                y[b * out + o] = acc;
            }
        }
        return y;
    }

    static double[] relu(double[] v) {
        double[] y = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            y[i] = Math.max(0, v[i]);
        }
        return y;
    }

    static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    static float[] toFloatExact(double[] v) {
        float[] f = toFloat(v);
        for (int i = 0; i < v.length; i++) {
            if (f[i] != v[i]) {
                throw new AssertionError("reference value " + v[i] + " at " + i + " is not a float; test data must"
                        + " keep float arithmetic exact");
            }
        }
        return f;
    }
}
