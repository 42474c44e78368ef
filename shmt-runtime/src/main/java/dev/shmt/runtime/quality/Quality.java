package dev.shmt.runtime.quality;

import java.util.Arrays;

/**
 * Output-quality metrics that compare a result {@code out} against a reference {@code ref},
 * element by element.
 *
 * <p>Both arrays must be non-null, non-empty and of equal length; 2-D metrics take dense
 * row-major data with explicit {@code rows} and {@code cols}. All accumulation is done in
 * {@code double}. Bad input is refused with an {@link IllegalArgumentException} whose message
 * names the offending argument.
 */
public final class Quality {

    /** Side of the square SSIM window, in pixels (Wang et al. 2004). */
    public static final int SSIM_WINDOW = 11;

    /** Standard deviation of the Gaussian SSIM window, in pixels. */
    public static final double SSIM_SIGMA = 1.5;

    /** Luminance stabiliser factor: {@code C1 = (SSIM_K1 * L)^2}. */
    public static final double SSIM_K1 = 0.01;

    /** Contrast stabiliser factor: {@code C2 = (SSIM_K2 * L)^2}. */
    public static final double SSIM_K2 = 0.03;

    // The 2-D window is the outer product of this 1-D kernel with itself; because the 1-D
    // kernel sums to 1, so does the 2-D one, which lets SSIM filter rows and columns separately.
    private static final double[] GAUSSIAN = gaussianKernel(SSIM_WINDOW, SSIM_SIGMA);

    private Quality() {}

    /**
     * Mean absolute percentage error, in percent: the mean over {@code i} of
     * {@code |out[i] - ref[i]| / |ref[i]| * 100}.
     *
     * <p><b>Zero references are skipped</b>: an element with {@code ref[i] == 0} has no relative
     * error, so it contributes neither to the sum nor to the count. Use
     * {@link #mapeSkippedZeros(float[])} to learn how many were skipped. If every reference is
     * zero the result is {@code NaN}.
     *
     * @param out the result being judged
     * @param ref the reference it is judged against
     * @return MAPE in percent, or {@code NaN} if every reference is zero
     * @throws IllegalArgumentException if either array is null or empty, or their lengths differ
     */
    public static double mape(float[] out, float[] ref) {
        requirePair(out, ref);
        double sum = 0;
        long counted = 0;
        for (int i = 0; i < ref.length; i++) {
            double r = ref[i];
            if (r == 0) {
                continue;
            }
            sum += Math.abs(out[i] - r) / Math.abs(r);
            counted++;
        }
        return counted == 0 ? Double.NaN : sum / counted * 100.0;
    }

    /**
     * The figure the SHMT paper reports as MAPE, as its artifact computes it: the mean absolute error over
     * the mean of the reference, in percent, {@code mean|out - ref| / mean(ref) * 100}. It is our
     * {@link #errorRate} times 100 where the reference is never negative (an image, a magnitude, a price);
     * where it is signed (a Laplacian, wavelet or Fourier coefficients) its mean is near zero and the
     * figure grows without bound, so it is given as the paper's, beside ours, never instead of it. The
     * denominator is the absolute value of the mean, so the figure is never negative.
     *
     * @return in percent; NaN when the reference's mean is zero
     * @throws IllegalArgumentException if either array is null or empty, or their lengths differ
     */
    public static double paperMape(float[] out, float[] ref) {
        requirePair(out, ref);
        double err = 0;
        double sum = 0;
        for (int i = 0; i < ref.length; i++) {
            err += Math.abs((double) out[i] - ref[i]);
            sum += ref[i];
        }
        return sum == 0 ? Double.NaN : err / Math.abs(sum) * 100.0;
    }

    /**
     * Number of elements that {@link #mape(float[], float[])} skips because their reference is
     * zero (positive or negative zero).
     *
     * @param ref the reference passed to MAPE
     * @return how many elements of {@code ref} are zero
     * @throws IllegalArgumentException if {@code ref} is null or empty
     */
    public static long mapeSkippedZeros(float[] ref) {
        requireNonEmpty(ref, "ref");
        long zeros = 0;
        for (float r : ref) {
            if (r == 0) {
                zeros++;
            }
        }
        return zeros;
    }

    /**
     * The SHMT artifact's {@code error_rate}: {@code mean|out - ref| / mean|ref|}, which equals
     * {@code sum|out - ref| / sum|ref|}. {@code NaN} when {@code sum|ref| == 0}.
     *
     * @param out the result being judged
     * @param ref the reference it is judged against
     * @return the error rate as a fraction (not percent), or {@code NaN}
     * @throws IllegalArgumentException if either array is null or empty, or their lengths differ
     */
    public static double errorRate(float[] out, float[] ref) {
        requirePair(out, ref);
        double absErr = 0;
        double absRef = 0;
        for (int i = 0; i < ref.length; i++) {
            double r = ref[i];
            absErr += Math.abs(out[i] - r);
            absRef += Math.abs(r);
        }
        return absRef == 0 ? Double.NaN : absErr / absRef;
    }

    /**
     * Root-mean-square error: {@code sqrt(mean((out - ref)^2))}.
     *
     * @param out the result being judged
     * @param ref the reference it is judged against
     * @return the RMSE, in the units of the data
     * @throws IllegalArgumentException if either array is null or empty, or their lengths differ
     */
    public static double rmse(float[] out, float[] ref) {
        requirePair(out, ref);
        return Math.sqrt(mse(out, ref));
    }

    /**
     * Peak signal-to-noise ratio in dB: {@code 10 * log10(L^2 / MSE)} with the explicit data
     * range {@code L = dataRange}; {@code +Infinity} when the arrays are identical (MSE is 0).
     *
     * @param out the result being judged
     * @param ref the reference it is judged against
     * @param dataRange the data range {@code L} (e.g. 255 for 8-bit, 1 for unit floats)
     * @return PSNR in dB
     * @throws IllegalArgumentException if either array is null or empty, their lengths differ,
     *     or {@code dataRange} is not positive and finite
     */
    public static double psnr(float[] out, float[] ref, double dataRange) {
        requirePair(out, ref);
        requireDataRange(dataRange);
        double mse = mse(out, ref);
        if (mse == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return 10.0 * Math.log10(dataRange * dataRange / mse);
    }

    /**
     * Mean structural similarity exactly as in Wang et al. 2004: an {@value #SSIM_WINDOW}x{@value
     * #SSIM_WINDOW} Gaussian window with sigma {@value #SSIM_SIGMA} normalised to sum 1,
     * {@code C1 = (0.01 L)^2}, {@code C2 = (0.03 L)^2}, and Gaussian-weighted population
     * (no N-1 correction) local means, variances and covariance. The SSIM map is averaged over
     * the valid region only: the {@code (rows - 10) x (cols - 10)} window positions that lie
     * wholly inside the image, with no padding.
     *
     * @param out result image, dense row-major
     * @param ref reference image, dense row-major
     * @param rows image height, at least {@value #SSIM_WINDOW}
     * @param cols image width, at least {@value #SSIM_WINDOW}
     * @param dataRange the data range {@code L} (e.g. 255 for 8-bit, 1 for unit floats)
     * @return mean SSIM over the valid region, at most 1
     * @throws IllegalArgumentException if either array is null or empty, their lengths differ,
     *     {@code rows * cols} is not their length, the image is smaller than the window, or
     *     {@code dataRange} is not positive and finite
     */
    public static double ssim(float[] out, float[] ref, int rows, int cols, double dataRange) {
        requirePair(out, ref);
        requireShape(out, rows, cols);
        if (rows < SSIM_WINDOW) {
            throw new IllegalArgumentException("rows must be at least " + SSIM_WINDOW
                    + " (the SSIM window is " + SSIM_WINDOW + "x" + SSIM_WINDOW + ") but was "
                    + rows);
        }
        if (cols < SSIM_WINDOW) {
            throw new IllegalArgumentException("cols must be at least " + SSIM_WINDOW
                    + " (the SSIM window is " + SSIM_WINDOW + "x" + SSIM_WINDOW + ") but was "
                    + cols);
        }
        requireDataRange(dataRange);

        double c1 = (SSIM_K1 * dataRange) * (SSIM_K1 * dataRange);
        double c2 = (SSIM_K2 * dataRange) * (SSIM_K2 * dataRange);
        double[] g = GAUSSIAN;
        int validRows = rows - SSIM_WINDOW + 1;
        int validCols = cols - SSIM_WINDOW + 1;

        // Vertical pass first, one output row at a time, so the scratch space is O(cols)
        // rather than five full-image buffers.
        double[] vx = new double[cols];
        double[] vy = new double[cols];
        double[] vxx = new double[cols];
        double[] vyy = new double[cols];
        double[] vxy = new double[cols];

        double sum = 0;
        for (int r = 0; r < validRows; r++) {
            Arrays.fill(vx, 0);
            Arrays.fill(vy, 0);
            Arrays.fill(vxx, 0);
            Arrays.fill(vyy, 0);
            Arrays.fill(vxy, 0);
            for (int k = 0; k < SSIM_WINDOW; k++) {
                double wk = g[k];
                int base = (r + k) * cols;
                for (int c = 0; c < cols; c++) {
                    double x = out[base + c];
                    double y = ref[base + c];
                    vx[c] += wk * x;
                    vy[c] += wk * y;
                    vxx[c] += wk * (x * x);
                    vyy[c] += wk * (y * y);
                    vxy[c] += wk * (x * y);
                }
            }
            for (int c = 0; c < validCols; c++) {
                double mx = 0;
                double my = 0;
                double exx = 0;
                double eyy = 0;
                double exy = 0;
                for (int k = 0; k < SSIM_WINDOW; k++) {
                    double wk = g[k];
                    mx += wk * vx[c + k];
                    my += wk * vy[c + k];
                    exx += wk * vxx[c + k];
                    eyy += wk * vyy[c + k];
                    exy += wk * vxy[c + k];
                }
                // Written symmetrically in x and y so that out == ref gives exactly 1.
                double sx2 = exx - mx * mx;
                double sy2 = eyy - my * my;
                double sxy = exy - mx * my;
                double num = (2 * mx * my + c1) * (2 * sxy + c2);
                double den = (mx * mx + my * my + c1) * (sx2 + sy2 + c2);
                sum += num / den;
            }
        }
        return sum / ((double) validRows * validCols);
    }

    private static double mse(float[] out, float[] ref) {
        double sq = 0;
        for (int i = 0; i < ref.length; i++) {
            double d = (double) out[i] - ref[i];
            sq += d * d;
        }
        return sq / ref.length;
    }

    private static double[] gaussianKernel(int size, double sigma) {
        double[] k = new double[size];
        int half = size / 2;
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double d = i - half;
            k[i] = Math.exp(-(d * d) / (2 * sigma * sigma));
            sum += k[i];
        }
        for (int i = 0; i < size; i++) {
            k[i] /= sum;
        }
        return k;
    }

    private static void requireNonEmpty(float[] a, String name) {
        if (a == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (a.length == 0) {
            throw new IllegalArgumentException(name + " is empty; expected at least one element");
        }
    }

    private static void requirePair(float[] out, float[] ref) {
        if (out == null) {
            throw new IllegalArgumentException("out must not be null");
        }
        if (ref == null) {
            throw new IllegalArgumentException("ref must not be null");
        }
        if (out.length != ref.length) {
            throw new IllegalArgumentException(
                    "out has " + out.length + " elements but ref has " + ref.length);
        }
        if (out.length == 0) {
            throw new IllegalArgumentException(
                    "out and ref are empty; expected at least one element");
        }
    }

    private static void requireShape(float[] a, int rows, int cols) {
        if (rows <= 0) {
            throw new IllegalArgumentException("rows must be positive but was " + rows);
        }
        if (cols <= 0) {
            throw new IllegalArgumentException("cols must be positive but was " + cols);
        }
        long n = (long) rows * cols;
        if (n != a.length) {
            throw new IllegalArgumentException("rows * cols = " + rows + " * " + cols + " = " + n
                    + " but out and ref have " + a.length + " elements");
        }
    }

    private static void requireDataRange(double dataRange) {
        // The negated test also rejects NaN.
        if (!(dataRange > 0) || Double.isInfinite(dataRange)) {
            throw new IllegalArgumentException(
                    "dataRange must be positive and finite but was " + dataRange);
        }
    }
}
