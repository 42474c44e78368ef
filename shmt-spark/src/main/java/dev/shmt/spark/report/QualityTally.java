package dev.shmt.spark.report;

import java.io.Serializable;

/**
 * Results against a reference, summed so that tallies merge exactly: the SHMT artifact's
 * {@code error_rate} (mean |out - ref| / mean |ref|), RMSE and the largest error.
 */
public final class QualityTally implements Serializable {
    private static final long serialVersionUID = 1L;

    long elements;
    long cells;
    double sumAbsError;
    double sumAbsReference;
    double sumSquaredError;
    double maxAbsError;

    /** Adds one element's result {@code out} against its reference {@code ref}. */
    void add(float[] out, float[] ref) {
        if (out.length != ref.length) {
            throw new IllegalArgumentException("reference: " + ref.length + " values for a result of " + out.length);
        }
        double abs = 0;
        double absRef = 0;
        double sq = 0;
        double max = maxAbsError;
        for (int i = 0; i < out.length; i++) {
            double e = Math.abs((double) out[i] - ref[i]);
            abs += e;
            sq += e * e;
            absRef += Math.abs(ref[i]);
            max = Math.max(max, e);
        }
        elements++;
        cells += out.length;
        sumAbsError += abs;
        sumAbsReference += absRef;
        sumSquaredError += sq;
        maxAbsError = max;
    }

    void add(QualityTally o) {
        elements += o.elements;
        cells += o.cells;
        sumAbsError += o.sumAbsError;
        sumAbsReference += o.sumAbsReference;
        sumSquaredError += o.sumSquaredError;
        maxAbsError = Math.max(maxAbsError, o.maxAbsError);
    }

    /** Elements compared with a reference; 0 when none was given. */
    public long elements() {
        return elements;
    }

    /** mean |out - ref| / mean |ref| over every compared cell; NaN when nothing was compared. */
    public double errorRate() {
        return cells == 0 ? Double.NaN : sumAbsError / sumAbsReference;
    }

    public double rmse() {
        return cells == 0 ? Double.NaN : Math.sqrt(sumSquaredError / cells);
    }

    public double maxAbsError() {
        return maxAbsError;
    }
}
