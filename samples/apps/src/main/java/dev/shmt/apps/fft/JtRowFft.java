package dev.shmt.apps.fft;

import org.jtransforms.fft.FloatFFT_1D;
import org.jtransforms.utils.CommonUtils;

/**
 * The CPU row transforms of {@link Fft#rows} through JTransforms' {@link FloatFFT_1D} (Ooura's split-radix
 * FFT): measured faster than {@link RowFft} per row (docs/measurements.md). Same
 * result as RowFft, {@code X[k] = sum_m x[m] e^{-2 pi i k m / n}} unnormalized, but a different order of
 * roundings, so not bit for bit.
 *
 * <p>JTransforms works on interleaved (re, im) arrays; our matrices keep re and im apart, so each row is
 * copied into a per-thread scratch row, transformed there and copied out. The copy in comes before any
 * write, so an output row may be its own input row. Plans are per thread too (a plan is not documented
 * as thread-safe) and built once per size.
 */
final class JtRowFft {
    private static final ThreadLocal<JtRowFft> PER_THREAD = ThreadLocal.withInitial(JtRowFft::new);

    private final FloatFFT_1D[] plans = new FloatFFT_1D[31];
    private float[] scratch = new float[0];

    private JtRowFft() {}

    /**
     * Whether rows of n go through JTransforms: not from its 1-D two-thread threshold up (8192 by
     * default), where it may split one row over its own thread pool while the runtime already runs one
     * HLOP per worker thread; RowFft takes those rows.
     */
    static boolean handles(int n) {
        return n < CommonUtils.getThreadsBeginN_1D_FFT_2Threads();
    }

    /** This thread's instance. */
    static JtRowFft get() {
        return PER_THREAD.get();
    }

    /** The transform of {@code (xr + i xi)[xro.., xio..]} into {@code (yr + i yi)[yro.., yio..]}, n values. */
    void forward(int n, float[] xr, int xro, float[] xi, int xio, float[] yr, int yro, float[] yi, int yio) {
        float[] a = scratch(2 * n);
        for (int m = 0; m < n; m++) {
            a[2 * m] = xr[xro + m];
            a[2 * m + 1] = xi[xio + m];
        }
        plan(n).complexForward(a);
        for (int k = 0; k < n; k++) {
            yr[yro + k] = a[2 * k];
            yi[yio + k] = a[2 * k + 1];
        }
    }

    /**
     * The transform of the real row {@code x[xo..]}: JTransforms' real-input FFT (half the work), whose
     * packed output {@code a[0] = X[0], a[1] = X[n/2], a[2k] + i a[2k+1] = X[k]} holds bins 0 to n/2;
     * the rest is their mirror, {@code X[n - k] = conj X[k]}, so the output is exactly Hermitian.
     */
    void forwardReal(int n, float[] x, int xo, float[] yr, int yro, float[] yi, int yio) {
        if (n == 1) {
            yr[yro] = x[xo];
            yi[yio] = 0f;
            return;
        }
        float[] a = scratch(n);
        System.arraycopy(x, xo, a, 0, n);
        plan(n).realForward(a);
        int h = n / 2;
        yr[yro] = a[0];
        yi[yio] = 0f;
        yr[yro + h] = a[1];
        yi[yio + h] = 0f;
        for (int k = 1; k < h; k++) {
            yr[yro + k] = a[2 * k];
            yi[yio + k] = a[2 * k + 1];
        }
        // The mirror in a loop of its own: two streams per loop run faster than four.
        for (int k = h + 1; k < n; k++) {
            yr[yro + k] = a[2 * (n - k)];
            yi[yio + k] = -a[2 * (n - k) + 1];
        }
    }

    private FloatFFT_1D plan(int n) {
        int log = Integer.numberOfTrailingZeros(n);
        FloatFFT_1D p = plans[log];
        if (p == null) {
            p = new FloatFFT_1D(n);
            plans[log] = p;
        }
        return p;
    }

    private float[] scratch(int length) {
        if (scratch.length < length) {
            scratch = new float[length];
        }
        return scratch;
    }
}
