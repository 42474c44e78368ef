package dev.shmt.apps.fft;

import dev.shmt.api.FloatMatrix;
import java.util.Objects;

/**
 * The double-precision 2-D FFT that {@link Fft2d}'s results are measured against: a plain radix-2 FFT
 * in double over the rows, then over the columns, with twiddles straight from {@link Math#cos} and
 * {@link Math#sin}. Its own error (about {@code log2(n) 1e-16} relative) is far below fp32's.
 */
public final class FftReference {
    /** The spectrum X of an {@code n x n} image, row-major: {@code X[k1][k2]} at {@code k1 * n + k2}. */
    public record Spectrum(int n, double[] re, double[] im) {}

    private FftReference() {}

    /** The 2-D FFT of {@code image} (square, a power of two on the side), same convention as {@link Fft2d}. */
    public static Spectrum forward(FloatMatrix image) {
        Objects.requireNonNull(image, "image");
        int n = image.rows();
        if (image.cols() != n || (n & (n - 1)) != 0) {
            throw new IllegalArgumentException("image must be n x n with n a power of two, got " + image.rows()
                    + " x " + image.cols());
        }
        double[] re = new double[n * n];
        double[] im = new double[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                re[r * n + c] = image.get(r, c);
            }
        }
        double[] cos = new double[Math.max(1, n / 2)];
        double[] sin = new double[cos.length];
        for (int k = 0; k < n / 2; k++) {
            cos[k] = Math.cos(2 * Math.PI * k / n);
            sin[k] = Math.sin(2 * Math.PI * k / n);
        }
        double[] tr = new double[n];
        double[] ti = new double[n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(re, r * n, tr, 0, n);
            System.arraycopy(im, r * n, ti, 0, n);
            fft(tr, ti, cos, sin);
            System.arraycopy(tr, 0, re, r * n, n);
            System.arraycopy(ti, 0, im, r * n, n);
        }
        for (int c = 0; c < n; c++) {
            for (int r = 0; r < n; r++) {
                tr[r] = re[r * n + c];
                ti[r] = im[r * n + c];
            }
            fft(tr, ti, cos, sin);
            for (int r = 0; r < n; r++) {
                re[r * n + c] = tr[r];
                im[r * n + c] = ti[r];
            }
        }
        return new Spectrum(n, re, im);
    }

    /** In place: bit-reversal permutation, then the radix-2 stages with {@code e^{-2 pi i k / n}}. */
    static void fft(double[] re, double[] im, double[] cos, double[] sin) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j |= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            int step = n / len;
            int half = len / 2;
            for (int base = 0; base < n; base += len) {
                for (int j = 0; j < half; j++) {
                    double wr = cos[j * step];
                    double wi = -sin[j * step];
                    int a = base + j;
                    int b = a + half;
                    double vr = re[b] * wr - im[b] * wi;
                    double vi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - vr;
                    im[b] = im[a] - vi;
                    re[a] += vr;
                    im[a] += vi;
                }
            }
        }
    }
}
