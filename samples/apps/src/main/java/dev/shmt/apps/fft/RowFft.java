package dev.shmt.apps.fft;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The fp32 forward FFT of one row of {@code n} (a power of two) complex values, {@code X[k] = sum_m
 * x[m] e^{-2 pi i k m / n}}, unnormalized: the convention of the GPU kernel {@code fft.cu}. Iterative
 * radix-2 decimation in time, as fft.cu, with two stages fused per pass over the row (radix-4 passes
 * of radix-2 butterflies: the same operations, half the loads and stores); the bit-reversed gather is
 * fused with the first two stages.
 *
 * <p>Real and imaginary parts live in separate arrays, as in a VOP's matrices. The result is written
 * to the output row, which must not overlap the input (the caller stages aliased rows). Plans, with
 * their twiddle and bit-reversal tables, are built once per size and shared by all threads.
 *
 * <p>Accuracy (u = 2^-24): the twiddles are rounded from double (within 1 ulp), so as for fft.cu the
 * normwise error {@code ||X' - X||_2 / ||X||_2} stays below about {@code 9 log2(n) u} (Higham,
 * Accuracy and Stability of Numerical Algorithms, theorem 24.2); in practice it grows like a random
 * walk and is near {@code 1e-7} at n = 1024.
 */
final class RowFft {
    /** Largest size: the plan cache holds one plan per log2(n) up to 30. */
    static final int MAX_N = 1 << 30;

    private static final AtomicReferenceArray<RowFft> PLANS = new AtomicReferenceArray<>(31);

    private final int n;
    /** {@code rev[i]}: i with its log2(n) bits reversed, the input index of output slot i. */
    private final int[] rev;
    /**
     * Twiddles of the stage with butterfly span h at {@code [h + j]}, j < h: {@code e^{-i pi j / h} =
     * cos - i sin}. The layout does not depend on n, so a stage's loop reads them in order.
     */
    private final float[] cos;
    private final float[] sin;
    /** The n/2 plan the real-input path runs on; null for n < 4. */
    private final RowFft half;

    private RowFft(int n) {
        this.n = n;
        int log = Integer.numberOfTrailingZeros(n);
        rev = new int[n];
        for (int i = 0; i < n; i++) {
            rev[i] = log == 0 ? 0 : Integer.reverse(i) >>> (32 - log);
        }
        cos = new float[n];
        sin = new float[n];
        for (int h = 1; h < n; h <<= 1) {
            for (int j = 0; j < h; j++) {
                double a = Math.PI * j / h;
                cos[h + j] = (float) Math.cos(a);
                sin[h + j] = (float) Math.sin(a);
            }
        }
        half = n >= 4 ? of(n / 2) : null;
    }

    /** The shared plan for rows of {@code n} values. */
    static RowFft of(int n) {
        if (n < 1 || n > MAX_N || (n & (n - 1)) != 0) {
            throw new IllegalArgumentException("n must be a power of two from 1 to 2^30, got " + n);
        }
        int log = Integer.numberOfTrailingZeros(n);
        RowFft p = PLANS.get(log);
        if (p == null) {
            p = new RowFft(n);
            if (!PLANS.compareAndSet(log, null, p)) {
                p = PLANS.get(log);
            }
        }
        return p;
    }

    int size() {
        return n;
    }

    /** The transform of {@code (xr + i xi)[xro.., xio..]} into {@code (yr + i yi)[yro.., yio..]}. */
    void forward(float[] xr, int xro, float[] xi, int xio, float[] yr, int yro, float[] yi, int yio) {
        complex(xr, xro, xi, xio, 1, yr, yro, yi, yio);
    }

    /**
     * The transform of the real row {@code x[xo..]} (imaginary part zero): the classic half-length
     * complex FFT of {@code z[m] = x[2m] + i x[2m + 1]}, then one pass that separates the even and odd
     * halves; about half the work of {@link #forward}. The output is exactly Hermitian.
     */
    void forwardReal(float[] x, int xo, float[] yr, int yro, float[] yi, int yio) {
        if (n < 4) {
            float a = x[xo];
            float b = n == 2 ? x[xo + 1] : 0f;
            yr[yro] = a + b;
            yi[yio] = 0f;
            if (n == 2) {
                yr[yro + 1] = a - b;
                yi[yio + 1] = 0f;
            }
            return;
        }
        int m = n / 2;
        half.complex(x, xo, x, xo + 1, 2, yr, yro, yi, yio); // Z in slots [0, m)
        // With E = (Z[k] + conj Z[m-k]) / 2, O = (Z[k] - conj Z[m-k]) / 2i and W = e^{-2 pi i k / n}:
        // X[k] = E + W O, X[m - k] = conj(E - W O), X[n - k] = conj X[k]. W sits at cos/sin[m + k].
        float z0r = yr[yro];
        float z0i = yi[yio];
        yr[yro] = z0r + z0i;
        yi[yio] = 0f;
        yr[yro + m] = z0r - z0i;
        yi[yio + m] = 0f;
        float[] cs = cos;
        float[] sn = sin;
        for (int k = 1, k2 = m - 1; k < k2; k++, k2--) {
            float ar = yr[yro + k];
            float ai = yi[yio + k];
            float br = yr[yro + k2];
            float bi = yi[yio + k2];
            float er = 0.5f * (ar + br);
            float ei = 0.5f * (ai - bi);
            float or = 0.5f * (ai + bi);
            float oi = 0.5f * (br - ar);
            float c = cs[m + k];
            float s = sn[m + k];
            float tr = c * or + s * oi;
            float ti = c * oi - s * or;
            yr[yro + k] = er + tr;
            yi[yio + k] = ei + ti;
            yr[yro + n - k] = er + tr;
            yi[yio + n - k] = -(ei + ti);
            yr[yro + k2] = er - tr;
            yi[yio + k2] = ti - ei;
            yr[yro + m + k] = er - tr;
            yi[yio + m + k] = ei - ti;
        }
        // k = m/2 pairs with itself, and W = -i there: X[m/2] = conj Z[m/2], exactly.
        int q = m / 2;
        yi[yio + q] = -yi[yio + q];
        yr[yro + n - q] = yr[yro + q];
        yi[yio + n - q] = -yi[yio + q];
    }

    /**
     * The complex transform of {@code x[m] = xr[xro + m s] + i xi[xio + m s]} (s = 1 for a complex row,
     * 2 for the even/odd pairs of a real one) into the output row.
     */
    private void complex(float[] xr, int xro, float[] xi, int xio, int s, float[] yr, int yro, float[] yi, int yio) {
        int[] rv = rev;
        if (n < 4) {
            float ar = xr[xro];
            float ai = xi[xio];
            if (n == 1) {
                yr[yro] = ar;
                yi[yio] = ai;
                return;
            }
            float br = xr[xro + s];
            float bi = xi[xio + s];
            yr[yro] = ar + br;
            yi[yio] = ai + bi;
            yr[yro + 1] = ar - br;
            yi[yio + 1] = ai - bi;
            return;
        }
        // Bit-reversed gather fused with the twiddle-free stages of span 1 and 2 (twiddles 1 and -i).
        for (int b = 0; b < n; b += 4) {
            int i0 = rv[b] * s;
            int i1 = rv[b + 1] * s;
            int i2 = rv[b + 2] * s;
            int i3 = rv[b + 3] * s;
            float x0r = xr[xro + i0];
            float x0i = xi[xio + i0];
            float x1r = xr[xro + i1];
            float x1i = xi[xio + i1];
            float x2r = xr[xro + i2];
            float x2i = xi[xio + i2];
            float x3r = xr[xro + i3];
            float x3i = xi[xio + i3];
            float s01r = x0r + x1r;
            float s01i = x0i + x1i;
            float d01r = x0r - x1r;
            float d01i = x0i - x1i;
            float s23r = x2r + x3r;
            float s23i = x2i + x3i;
            float d23r = x2r - x3r;
            float d23i = x2i - x3i;
            int p = yro + b;
            int t = yio + b;
            yr[p] = s01r + s23r;
            yi[t] = s01i + s23i;
            yr[p + 2] = s01r - s23r;
            yi[t + 2] = s01i - s23i;
            yr[p + 1] = d01r + d23i; // d01 + (-i) d23
            yi[t + 1] = d01i - d23r;
            yr[p + 3] = d01r - d23i;
            yi[t + 3] = d01i + d23r;
        }
        int h = 4;
        for (; 4 * h <= n; h *= 4) {
            spans(yr, yro, yi, yio, h);
        }
        if (h < n) {
            span(yr, yro, yi, yio, h);
        }
    }

    /**
     * The stages of span h and 2h in one pass: for each j < h, the four points j, j + h, j + 2h, j + 3h
     * of a group of 4h go through their two radix-2 butterflies of span h (twiddle w1 = e^{-i pi j/h})
     * and then of span 2h (w2 = e^{-i pi j/2h} and -i w2): exactly the radix-2 operations.
     */
    private void spans(float[] yr, int yro, float[] yi, int yio, int h) {
        float[] cs = cos;
        float[] sn = sin;
        int h2 = 2 * h;
        int h3 = 3 * h;
        for (int base = 0; base < n; base += 4 * h) {
            int p = yro + base;
            int q = yio + base;
            for (int j = 0; j < h; j++) {
                float w1r = cs[h + j];
                float w1i = sn[h + j];
                float w2r = cs[h2 + j];
                float w2i = sn[h2 + j];
                float ar = yr[p + j];
                float ai = yi[q + j];
                float br = yr[p + h + j];
                float bi = yi[q + h + j];
                float cr = yr[p + h2 + j];
                float ci = yi[q + h2 + j];
                float dr = yr[p + h3 + j];
                float di = yi[q + h3 + j];
                float tr = w1r * br + w1i * bi; // w1 b, with w1 = w1r - i w1i
                float ti = w1r * bi - w1i * br;
                float a1r = ar + tr;
                float a1i = ai + ti;
                float b1r = ar - tr;
                float b1i = ai - ti;
                tr = w1r * dr + w1i * di; // w1 d
                ti = w1r * di - w1i * dr;
                float c1r = cr + tr;
                float c1i = ci + ti;
                float d1r = cr - tr;
                float d1i = ci - ti;
                tr = w2r * c1r + w2i * c1i; // w2 c1
                ti = w2r * c1i - w2i * c1r;
                yr[p + j] = a1r + tr;
                yi[q + j] = a1i + ti;
                yr[p + h2 + j] = a1r - tr;
                yi[q + h2 + j] = a1i - ti;
                float ur = w2r * d1r + w2i * d1i; // w2 d1; -i (ur + i ui) = ui - i ur
                float ui = w2r * d1i - w2i * d1r;
                yr[p + h + j] = b1r + ui;
                yi[q + h + j] = b1i - ur;
                yr[p + h3 + j] = b1r - ui;
                yi[q + h3 + j] = b1i + ur;
            }
        }
    }

    /** One radix-2 stage of span h: the last one when log2(n) is odd. */
    private void span(float[] yr, int yro, float[] yi, int yio, int h) {
        float[] cs = cos;
        float[] sn = sin;
        for (int base = 0; base < n; base += 2 * h) {
            int p = yro + base;
            int q = yio + base;
            for (int j = 0; j < h; j++) {
                float wr = cs[h + j];
                float wi = sn[h + j];
                float vr = yr[p + h + j];
                float vi = yi[q + h + j];
                float tr = wr * vr + wi * vi;
                float ti = wr * vi - wi * vr;
                float ur = yr[p + j];
                float ui = yi[q + j];
                yr[p + j] = ur + tr;
                yi[q + j] = ui + ti;
                yr[p + h + j] = ur - tr;
                yi[q + h + j] = ui - ti;
            }
        }
    }
}
