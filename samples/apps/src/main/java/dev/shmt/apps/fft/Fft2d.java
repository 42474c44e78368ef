package dev.shmt.apps.fft;

import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import java.util.List;
import java.util.Objects;

/**
 * The 2-D FFT of a real {@code n x n} image, {@code X[k1][k2] = sum_{r,c} x[r][c] e^{-2 pi i (k1 r +
 * k2 c) / n}}, from two {@link Fft#rows} calls with transposes around the second. The image is real,
 * so its spectrum is Hermitian, {@code X[k1][n - k2] = conj X[-k1][k2]}, and the second pass only
 * needs half the columns, as real-input FFT libraries do:
 *
 * <ol>
 *   <li>pass 1: the row FFTs of (image, 0) into A; every row of A is Hermitian, and its bins 0 and n/2
 *       are real;
 *   <li>pack (a cache-blocked transpose): columns 1 to n/2 - 1 of A become rows 1 to n/2 - 1 of B, and
 *       the two real columns 0 and n/2 share row 0 as {@code A[.][0] + i A[.][n/2]};
 *   <li>pass 2: the row FFTs of B's n/2 rows into C;
 *   <li>unpack: C's rows 1 to n/2 - 1 transposed into X's columns 1 to n/2 - 1, the columns past n/2
 *       mirrored from them, and columns 0 and n/2 separated from row 0's packed transform.
 * </ol>
 *
 * So {@link #re()} and {@link #im()} hold X in its true layout (row k1, column k2), and pass 2 costs
 * half the rows. Its buffers are allocated once, here; every {@code forward} overwrites the same result.
 * Not thread-safe: one instance per concurrent transform.
 */
public final class Fft2d {
    private final int n;
    private final int half;
    private final FloatMatrix zeros;
    private final FloatMatrix aRe;
    private final FloatMatrix aIm;
    private final FloatMatrix bRe;
    private final FloatMatrix bIm;
    /** Pass 2's output, in A's memory (A is consumed once B is packed). */
    private final FloatMatrix cRe;
    private final FloatMatrix cIm;
    private final FloatMatrix xRe;
    private final FloatMatrix xIm;

    /** @param n the image side, a power of two >= 2 */
    public Fft2d(int n) {
        if (n < 2 || (n & (n - 1)) != 0) {
            throw new IllegalArgumentException("n must be a power of two >= 2, got " + n);
        }
        this.n = n;
        this.half = n / 2;
        zeros = FloatMatrix.create(n, n);
        aRe = FloatMatrix.create(n, n);
        aIm = FloatMatrix.create(n, n);
        bRe = FloatMatrix.create(half, n);
        bIm = FloatMatrix.create(half, n);
        cRe = aRe.region(0, 0, half, n);
        cIm = aIm.region(0, 0, half, n);
        xRe = FloatMatrix.create(n, n);
        xIm = FloatMatrix.create(n, n);
    }

    public int size() {
        return n;
    }

    /** Both passes through {@code rt} (every device it has); returns their reports, pass 1 first. */
    public List<Report> forward(Shmt rt, FloatMatrix image) {
        Objects.requireNonNull(rt, "rt");
        check(image);
        Report first = FftVops.rows(rt, image, zeros, aRe, aIm);
        pack();
        Report second = FftVops.rows(rt, bRe, bIm, cRe, cIm);
        unpack();
        return List.of(first, second);
    }

    /** The same transform on the calling thread alone, with the VOP's CPU body on whole matrices. */
    public void forward(FloatMatrix image) {
        check(image);
        Fft.rows(image, zeros, aRe, aIm);
        pack();
        Fft.rows(bRe, bIm, cRe, cIm);
        unpack();
    }

    /** Real parts of the last result, {@code X[k1][k2]} at row k1, column k2. */
    public FloatMatrix re() {
        return xRe;
    }

    /** Imaginary parts of the last result. */
    public FloatMatrix im() {
        return xIm;
    }

    /** Pass 2's input of the last transform, real parts: n/2 rows of n (for calibrating the NPU on it). */
    FloatMatrix packedRe() {
        return bRe;
    }

    /** Pass 2's input of the last transform, imaginary parts. */
    FloatMatrix packedIm() {
        return bIm;
    }

    private void pack() {
        if (half > 1) {
            Transpose.transpose(aRe.region(0, 1, n, half - 1), bRe.region(1, 0, half - 1, n));
            Transpose.transpose(aIm.region(0, 1, n, half - 1), bIm.region(1, 0, half - 1, n));
        }
        float[] ar = aRe.array();
        float[] br = bRe.array();
        float[] bi = bIm.array();
        for (int r = 0; r < n; r++) {
            br[r] = ar[r * n];
            bi[r] = ar[r * n + half];
        }
    }

    private void unpack() {
        float[] xr = xRe.array();
        float[] xi = xIm.array();
        if (half > 1) {
            Transpose.transpose(cRe.region(1, 0, half - 1, n), xRe.region(0, 1, n, half - 1));
            Transpose.transpose(cIm.region(1, 0, half - 1, n), xIm.region(0, 1, n, half - 1));
            for (int k1 = 0; k1 < n; k1++) {
                int to = k1 * n + n; // X[k1][n - k2] = conj X[-k1][k2]
                int from = ((n - k1) & (n - 1)) * n;
                for (int k2 = 1; k2 < half; k2++) {
                    xr[to - k2] = xr[from + k2];
                    xi[to - k2] = -xi[from + k2];
                }
            }
        }
        // Row 0 of C is Z, the FFT of a + i b with a = A[.][0] and b = A[.][n/2] real:
        // FFT(a) = (Z[k] + conj Z[-k]) / 2, FFT(b) = (Z[k] - conj Z[-k]) / 2i.
        float[] zr = cRe.array();
        float[] zi = cIm.array();
        for (int k1 = 0; k1 < n; k1++) {
            int m = (n - k1) & (n - 1);
            float pr = zr[k1];
            float pi = zi[k1];
            float qr = zr[m];
            float qi = zi[m];
            xr[k1 * n] = 0.5f * (pr + qr);
            xi[k1 * n] = 0.5f * (pi - qi);
            xr[k1 * n + half] = 0.5f * (pi + qi);
            xi[k1 * n + half] = 0.5f * (qr - pr);
        }
    }

    private void check(FloatMatrix image) {
        Objects.requireNonNull(image, "image");
        if (image.rows() != n || image.cols() != n) {
            throw new IllegalArgumentException("image must be " + n + " x " + n + ", got " + image.rows() + " x "
                    + image.cols());
        }
    }
}
