package dev.shmt.npu.train;

import java.util.SplittableRandom;

/**
 * Fits an {@link Mlp} to normalized samples by mean squared error with mini-batch Adam, in plain
 * single-threaded Java. Everything is deterministic given the seed: Xavier-uniform initial weights
 * and the epoch shuffles come from one seeded {@link SplittableRandom}, gradients are summed in a
 * fixed order in double, and tanh is {@link StrictMath#tanh}; two runs give bitwise-equal weights.
 * The step size follows a cosine schedule from the given rate down to 1% of it, which settles the
 * weights at the end instead of leaving them jittering at the full rate.
 */
public final class MlpTrainer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    private static final double FINAL_RATE_FRACTION = 0.01;

    private final int[] sizes;
    private final long seed;
    private final int steps;
    private final int miniBatch;
    private final double learningRate;

    /**
     * @param sizes layer widths, inputs first, one output last
     * @param seed seeds initialization and shuffling
     * @param steps Adam steps, one mini-batch each
     * @param miniBatch points per step (capped at the sample count)
     * @param learningRate Adam's initial step size
     */
    public MlpTrainer(int[] sizes, long seed, int steps, int miniBatch, double learningRate) {
        if (sizes.length < 2 || sizes[sizes.length - 1] != 1) {
            throw new IllegalArgumentException("sizes must be inputs, hidden..., 1; got " + java.util.Arrays.toString(sizes));
        }
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("sizes must all be >= 1, got " + java.util.Arrays.toString(sizes));
            }
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        if (miniBatch < 1) {
            throw new IllegalArgumentException("miniBatch must be >= 1, got " + miniBatch);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be positive and finite, got " + learningRate);
        }
        this.sizes = sizes.clone();
        this.seed = seed;
        this.steps = steps;
        this.miniBatch = miniBatch;
        this.learningRate = learningRate;
    }

    /**
     * Trains on {@code n} points: inputs {@code x} row-major ({@code n x sizes[0]}), already normalized,
     * and normalized targets {@code y}.
     */
    public Mlp train(float[] x, float[] y, int n) {
        int f = sizes[0];
        if (n < 1 || x.length < n * f || y.length < n) {
            throw new IllegalArgumentException("need n >= 1 points with " + f + " inputs each, got n " + n + ", "
                    + x.length + " inputs and " + y.length + " targets");
        }
        int layers = sizes.length - 1;
        SplittableRandom random = new SplittableRandom(seed);
        double[][] w = new double[layers][];
        double[][] b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            w[l] = new double[in * out];
            b[l] = new double[out];
            double limit = Math.sqrt(6.0 / (in + out)); // Xavier (Glorot) uniform, suited to tanh
            for (int i = 0; i < w[l].length; i++) {
                w[l][i] = (random.nextDouble() * 2 - 1) * limit;
            }
        }
        double[][] gw = zerosLike(w);
        double[][] gb = zerosLike(b);
        double[][] mw = zerosLike(w);
        double[][] mb = zerosLike(b);
        double[][] vw = zerosLike(w);
        double[][] vb = zerosLike(b);

        int batch = Math.min(miniBatch, n);
        // Activations per layer for every point of the mini-batch; act[0] is the input.
        double[][] act = new double[layers + 1][];
        for (int l = 0; l <= layers; l++) {
            act[l] = new double[batch * sizes[l]];
        }
        double[][] delta = new double[layers][];
        for (int l = 0; l < layers; l++) {
            delta[l] = new double[sizes[l + 1]];
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int cursor = n; // forces a shuffle before the first batch

        for (int step = 0; step < steps; step++) {
            for (int l = 0; l < layers; l++) {
                java.util.Arrays.fill(gw[l], 0);
                java.util.Arrays.fill(gb[l], 0);
            }
            for (int p = 0; p < batch; p++) {
                if (cursor == n) {
                    shuffle(order, random);
                    cursor = 0;
                }
                int i = order[cursor++];
                for (int j = 0; j < f; j++) {
                    act[0][p * f + j] = x[i * f + j];
                }
                // Forward.
                for (int l = 0; l < layers; l++) {
                    int in = sizes[l];
                    int out = sizes[l + 1];
                    double[] a = act[l];
                    double[] z = act[l + 1];
                    double[] wl = w[l];
                    boolean hidden = l < layers - 1;
                    for (int k = 0; k < out; k++) {
                        double sum = b[l][k];
                        int row = k * in;
                        for (int j = 0; j < in; j++) {
                            sum += wl[row + j] * a[p * in + j];
                        }
                        z[p * out + k] = hidden ? StrictMath.tanh(sum) : sum;
                    }
                }
                // Backward: d(mean squared error)/d(output), then through the layers.
                delta[layers - 1][0] = 2 * (act[layers][p] - y[i]) / batch;
                for (int l = layers - 1; l >= 0; l--) {
                    int in = sizes[l];
                    int out = sizes[l + 1];
                    double[] a = act[l];
                    double[] d = delta[l];
                    double[] g = gw[l];
                    double[] wl = w[l];
                    for (int k = 0; k < out; k++) {
                        double dk = d[k];
                        gb[l][k] += dk;
                        int row = k * in;
                        for (int j = 0; j < in; j++) {
                            g[row + j] += dk * a[p * in + j];
                        }
                    }
                    if (l > 0) {
                        double[] dPrev = delta[l - 1];
                        for (int j = 0; j < in; j++) {
                            double s = 0;
                            for (int k = 0; k < out; k++) {
                                s += wl[k * in + j] * d[k];
                            }
                            double aj = a[p * in + j];
                            dPrev[j] = s * (1 - aj * aj); // tanh' = 1 - tanh^2
                        }
                    }
                }
            }
            double rate = learningRate * (FINAL_RATE_FRACTION
                    + (1 - FINAL_RATE_FRACTION) * 0.5 * (1 + StrictMath.cos(Math.PI * step / steps)));
            double c1 = 1 - StrictMath.pow(BETA1, step + 1);
            double c2 = 1 - StrictMath.pow(BETA2, step + 1);
            for (int l = 0; l < layers; l++) {
                adam(w[l], gw[l], mw[l], vw[l], rate, c1, c2);
                adam(b[l], gb[l], mb[l], vb[l], rate, c1, c2);
            }
        }
        float[][] fw = new float[layers][];
        float[][] fb = new float[layers][];
        for (int l = 0; l < layers; l++) {
            fw[l] = toFloats(w[l]);
            fb[l] = toFloats(b[l]);
        }
        return new Mlp(sizes, fw, fb);
    }

    private static void adam(double[] p, double[] g, double[] m, double[] v, double rate, double c1, double c2) {
        for (int i = 0; i < p.length; i++) {
            m[i] = BETA1 * m[i] + (1 - BETA1) * g[i];
            v[i] = BETA2 * v[i] + (1 - BETA2) * g[i] * g[i];
            p[i] -= rate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPSILON);
        }
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static double[][] zerosLike(double[][] a) {
        double[][] z = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            z[i] = new double[a[i].length];
        }
        return z;
    }

    private static float[] toFloats(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }
}
