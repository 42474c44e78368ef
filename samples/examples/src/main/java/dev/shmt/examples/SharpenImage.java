package dev.shmt.examples;

import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;

/** The README's call of {@link ImageOps#sharpen}: once on the default runtime, once on a runtime of its own. */
public final class SharpenImage {
    private SharpenImage() {}

    /** Sharpens {@code pixels} (rows x cols, row-major) into a new matrix, twice, and prints the report. */
    public static FloatMatrix run(float[] pixels, int rows, int cols) {
        FloatMatrix src = FloatMatrix.wrap(pixels, rows, cols);
        FloatMatrix dst = FloatMatrix.create(rows, cols);
        ImageOpsVops.sharpen(src, dst, 0.5f);                  // on Shmt.defaultRuntime()

        try (Shmt shmt = Shmt.builder().policy("ws").tileHint(256, 256).build()) {
            Report report = ImageOpsVops.sharpen(shmt, src, dst, 0.5f);
            System.out.print(report.toTable());                // where every HLOP ran, steals, retries
        }
        return dst;
    }
}
