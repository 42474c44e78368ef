package dev.shmt.npu.train;

/**
 * How far a model is from the exact function on a held-out sample, in the function's own output
 * units (after denormalization), so bounds can be stated against the real values.
 */
public record ErrorStats(double maxAbs, double meanAbs, double rms, int samples) {
    /** Compares {@code predicted[i]} against {@code exact[i]} for the first {@code n} elements. */
    public static ErrorStats of(float[] predicted, float[] exact, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be > 0, got " + n);
        }
        double max = 0;
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double e = Math.abs((double) predicted[i] - exact[i]);
            if (!(e <= max)) {
                max = e; // NaN propagates into max, so a broken model cannot look accurate
            }
            sum += e;
            sq += e * e;
        }
        return new ErrorStats(max, sum / n, Math.sqrt(sq / n), n);
    }

    @Override
    public String toString() {
        return String.format("max %.5g, mean %.5g, rms %.5g over %d", maxAbs, meanAbs, rms, samples);
    }
}
