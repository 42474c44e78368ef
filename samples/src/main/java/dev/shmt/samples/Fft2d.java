package dev.shmt.samples;

import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import java.util.List;
import java.util.Objects;

/**
 * The 2-D FFT of a real {@code n x n} image, {@code X[k1][k2] = sum_{r,c} x[r][c] e^{-2 pi i (k1 r +
 * k2 c) / n}}, from two {@link Fft#rows} calls: the row FFTs of (image, 0) into A, A transposed into B,
 * the row FFTs of B into A, which now holds X transposed, and A transposed into B once more, so that
 * {@link #re()} and {@link #im()} hold X in its true layout (row k1, column k2). The last transpose
 * costs one cheap memory pass and spares every user of the result an index swap.
 *
 * <p>Its buffers are allocated once, here; every {@code forward} overwrites the same result. Not
 * thread-safe: one instance per concurrent transform.
 */
public final class Fft2d {
    private final int n;
    private final FloatMatrix zeros;
    private final FloatMatrix aRe;
    private final FloatMatrix aIm;
    private final FloatMatrix bRe;
    private final FloatMatrix bIm;

    /** @param n the image side, a power of two */
    public Fft2d(int n) {
        if (n < 1 || (n & (n - 1)) != 0) {
            throw new IllegalArgumentException("n must be a power of two, got " + n);
        }
        this.n = n;
        zeros = FloatMatrix.create(n, n);
        aRe = FloatMatrix.create(n, n);
        aIm = FloatMatrix.create(n, n);
        bRe = FloatMatrix.create(n, n);
        bIm = FloatMatrix.create(n, n);
    }

    public int size() {
        return n;
    }

    /** Both passes through {@code rt} (every device it has); returns their reports, pass 1 first. */
    public List<Report> forward(Shmt rt, FloatMatrix image) {
        Objects.requireNonNull(rt, "rt");
        check(image);
        Report first = FftVops.rows(rt, image, zeros, aRe, aIm);
        Transpose.transpose(aRe, bRe);
        Transpose.transpose(aIm, bIm);
        Report second = FftVops.rows(rt, bRe, bIm, aRe, aIm);
        Transpose.transpose(aRe, bRe);
        Transpose.transpose(aIm, bIm);
        return List.of(first, second);
    }

    /** The same transform on the calling thread alone, with the VOP's CPU body on whole matrices. */
    public void forward(FloatMatrix image) {
        check(image);
        Fft.rows(image, zeros, aRe, aIm);
        Transpose.transpose(aRe, bRe);
        Transpose.transpose(aIm, bIm);
        Fft.rows(bRe, bIm, aRe, aIm);
        Transpose.transpose(aRe, bRe);
        Transpose.transpose(aIm, bIm);
    }

    /** Real parts of the last result, {@code X[k1][k2]} at row k1, column k2. */
    public FloatMatrix re() {
        return bRe;
    }

    /** Imaginary parts of the last result. */
    public FloatMatrix im() {
        return bIm;
    }

    private void check(FloatMatrix image) {
        Objects.requireNonNull(image, "image");
        if (image.rows() != n || image.cols() != n) {
            throw new IllegalArgumentException("image must be " + n + " x " + n + ", got " + image.rows() + " x "
                    + image.cols());
        }
    }
}
