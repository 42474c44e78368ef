package dev.shmt.gpu;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.shmt.api.FloatMatrix;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Inputs for the GPU tests of every module with kernels, and their bitwise comparison. */
public final class GpuTestImages {
    private GpuTestImages() {}

    /** A gradient, a bright disc with a hard edge, stripes, and some noise. */
    public static FloatMatrix image(int rows, int cols, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        FloatMatrix m = FloatMatrix.create(rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = 0.3 * c / cols + ((r - rows / 2.0) * (r - rows / 2.0) + (c - cols / 3.0) * (c - cols / 3.0)
                        < rows * cols / 16.0 ? 0.5 : 0) + (r / 16 % 2 == 0 && c > cols / 2 ? 0.1 : 0) + 0.05 * rnd.nextDouble();
                m.set(r, c, (float) v);
            }
        }
        return m;
    }

    /** {@link #image} as a view 3 rows and 5 columns into a larger array with a wider stride. */
    public static FloatMatrix imageView(int rows, int cols, long seed) {
        FloatMatrix img = image(rows, cols, seed);
        int stride = cols + 11;
        float[] data = new float[(rows + 6) * stride];
        Arrays.fill(data, Float.NaN); // cells outside the view: NaN in any result that reads them
        FloatMatrix view = FloatMatrix.wrap(data, 3 * stride + 5, rows, cols, stride);
        view.copyFrom(img);
        return view;
    }

    /** Every cell of {@code got} has the bits of {@code expected}; reports the first that does not. */
    public static void assertBitwise(String what, FloatMatrix got, FloatMatrix expected) {
        int wrong = 0;
        String first = null;
        for (int r = 0; r < got.rows(); r++) {
            for (int c = 0; c < got.cols(); c++) {
                if (Float.floatToRawIntBits(got.get(r, c)) != Float.floatToRawIntBits(expected.get(r, c))) {
                    if (wrong++ == 0) {
                        first = "(" + r + ", " + c + "): " + got.get(r, c) + ", expected " + expected.get(r, c);
                    }
                }
            }
        }
        assertWithMessage("%s: %s cells differ, first at %s", what, wrong, first).that(wrong).isEqualTo(0);
    }
}
