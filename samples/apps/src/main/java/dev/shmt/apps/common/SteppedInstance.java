package dev.shmt.apps.common;

import static dev.shmt.runtime.quality.Quality.errorRate;
import static dev.shmt.runtime.quality.Quality.mape;
import static dev.shmt.runtime.quality.Quality.rmse;
import static dev.shmt.runtime.quality.Quality.ssim;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.apps.BenchApp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An instance of an app that steps an N x N grid through several VOP calls, each reading what the last
 * one wrote (HotSpot's time steps, SRAD's iterations): two ping-pong grids allocated once, and the quality
 * of the last one against a double reference, SSIM over the reference's own span.
 */
public abstract class SteppedInstance implements BenchApp.Instance {
    private final String app;
    private final float[] ref;
    private final double span;
    /** The grids the steps write in turn ({@link Border#CLAMP}, as the stepped VOPs read them). */
    protected final FloatMatrix[] buffers;
    private FloatMatrix last;

    /** @param exact the double reference of the last grid, dense row-major n x n */
    protected SteppedInstance(String app, int n, double[] exact) {
        this.app = app;
        this.ref = new float[exact.length];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < ref.length; i++) {
            ref[i] = (float) exact[i];
            lo = Math.min(lo, exact[i]);
            hi = Math.max(hi, exact[i]);
        }
        this.span = hi - lo;
        this.buffers = new FloatMatrix[] {FloatMatrix.create(n, n).withBorder(Border.CLAMP),
            FloatMatrix.create(n, n).withBorder(Border.CLAMP)};
    }

    /** Runs the steps on {@code rt}, adding each call's report; returns the grid the last step wrote. */
    protected abstract FloatMatrix steps(Shmt rt, List<Report> reports);

    @Override
    public final List<Report> run(Shmt rt) {
        if (rt == null) {
            throw new IllegalArgumentException("rt must not be null");
        }
        List<Report> reports = new ArrayList<>();
        last = steps(rt, reports);
        return reports;
    }

    @Override
    public final void clearOutput() {
        for (FloatMatrix b : buffers) {
            Arrays.fill(b.array(), Float.NaN);
        }
    }

    @Override
    public final BenchApp.Quality quality() {
        if (last == null) {
            throw new IllegalStateException(app + ": quality() needs a run() first");
        }
        float[] out = last.array(); // dense: created n x n
        int n = last.rows();
        return new BenchApp.Quality(errorRate(out, ref), mape(out, ref), ssim(out, ref, n, n, span), rmse(out, ref),
                dev.shmt.runtime.quality.Quality.paperMape(out, ref));
    }
}
