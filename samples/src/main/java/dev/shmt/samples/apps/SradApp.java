package dev.shmt.samples.apps;

import static dev.shmt.runtime.quality.Quality.errorRate;
import static dev.shmt.runtime.quality.Quality.mape;
import static dev.shmt.runtime.quality.Quality.rmse;
import static dev.shmt.runtime.quality.Quality.ssim;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.samples.Images;
import dev.shmt.samples.Srad;
import dev.shmt.samples.SradVops;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * SRAD ({@link Srad}, Rodinia's {@code srad_v1}): {@link #ITERATIONS} iterations on an N x N speckled
 * image, each the host's q0sqr then the two VOP calls; quality of the last image against
 * {@link Srad#reference}.
 */
public final class SradApp extends GridApp {
    /** Iterations per run: two calls each. */
    public static final int ITERATIONS = 4;
    /** Rodinia's update factor. */
    static final float LAMBDA = 0.5f;

    @Override
    public String name() {
        return "srad";
    }

    @Override
    public int defaultSize() {
        return 2048;
    }

    /**
     * An ultrasound-like input: a {@link Images#structured} scene times speckle (the mean of four
     * exponential draws, a 4-look gamma with mean 1), clamped to 8 bits, then Rodinia's
     * {@code J = exp(I / 255)}.
     */
    static FloatMatrix input(int size, long seed) {
        FloatMatrix img = Images.structured(size, size, seed);
        float[] a = img.array();
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5badL);
        for (int i = 0; i < a.length; i++) {
            double speckle = 0;
            for (int k = 0; k < 4; k++) {
                speckle -= Math.log(1 - rnd.nextDouble());
            }
            double v = Math.min(Images.MAX, Math.max(Images.MIN, a[i] * speckle / 4));
            a[i] = (float) Math.exp(v / 255);
        }
        return img.withBorder(Border.CLAMP);
    }

    @Override
    public Instance prepare(int size, long seed) {
        checkSize(size);
        FloatMatrix j = input(size, seed);
        double[] exact = Srad.reference(j, LAMBDA, ITERATIONS);
        float[] ref = new float[exact.length];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < ref.length; i++) {
            ref[i] = (float) exact[i];
            lo = Math.min(lo, exact[i]);
            hi = Math.max(hi, exact[i]);
        }
        return new SradInstance(j, ref, hi - lo);
    }

    private final class SradInstance implements Instance {
        private final FloatMatrix j;
        private final float[] ref;
        private final double span;
        /** The coefficients and the two ping-pong images, allocated once. */
        private final FloatMatrix c;
        private final FloatMatrix[] images;
        private FloatMatrix last;

        SradInstance(FloatMatrix j, float[] ref, double span) {
            this.j = j;
            this.ref = ref;
            this.span = span;
            int n = j.rows();
            this.c = FloatMatrix.create(n, n).withBorder(Border.CLAMP);
            this.images = new FloatMatrix[] {FloatMatrix.create(n, n).withBorder(Border.CLAMP),
                FloatMatrix.create(n, n).withBorder(Border.CLAMP)};
        }

        @Override
        public List<Report> run(Shmt rt) {
            if (rt == null) {
                throw new IllegalArgumentException("rt must not be null");
            }
            List<Report> reports = new ArrayList<>(2 * ITERATIONS);
            FloatMatrix from = j;
            for (int it = 0; it < ITERATIONS; it++) {
                FloatMatrix to = images[it % 2];
                reports.add(SradVops.coefficient(rt, from, c, Srad.q0sqr(from)));
                reports.add(SradVops.update(rt, from, c, to, LAMBDA));
                from = to;
            }
            last = from;
            return reports;
        }

        @Override
        public void clearOutput() {
            for (FloatMatrix m : images) {
                Arrays.fill(m.array(), Float.NaN);
            }
        }

        @Override
        public Quality quality() {
            if (last == null) {
                throw new IllegalStateException(name() + ": quality() needs a run() first");
            }
            float[] out = last.array();
            int n = last.rows();
            return new Quality(errorRate(out, ref), mape(out, ref), ssim(out, ref, n, n, span), rmse(out, ref));
        }
    }
}
