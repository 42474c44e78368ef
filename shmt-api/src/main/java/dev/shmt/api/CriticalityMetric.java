package dev.shmt.api;

import java.util.Objects;

/**
 * How the quality-aware policies score an HLOP from the samples they read of its inputs: higher means
 * the HLOP loses more on an approximate (int8) device, so it should stay on a precise one. A good metric
 * predicts each HLOP's real int8 error, which the bench measures as a rank correlation.
 *
 * <p>{@code samples[i]} holds the values of the VOP's i-th {@code @In} view read at the sampled cells;
 * views of one shape are read at the same cells, so {@code samples[0][j]} and {@code samples[1][j]}
 * belong together (one option's spot and strike, say). A view the sampler cannot read over the HLOP
 * gets an empty array. Samples are finite: an HLOP with a NaN or infinite sample is critical whatever
 * its metric says, and the metric is not asked. Called on the caller's thread before any HLOP runs;
 * it must not keep or change the arrays.
 *
 * <p>A VOP names its own with {@link Vop#criticality()}; an NPU kernel may declare the statistic its
 * error follows ({@link dev.shmt.api.npu.NpuKernel#criticality()}).
 */
@FunctionalInterface
public interface CriticalityMetric {
    /** The score of one HLOP from its samples; NaN means "cannot tell", which ranks it critical. */
    double score(float[][] samples);

    /** The widest sampled range (max - min) over the inputs: what drives the error of range-scaled int8. */
    CriticalityMetric RANGE = named("range", samples -> {
        double best = 0;
        for (float[] s : samples) {
            if (s.length > 0) {
                float lo = s[0];
                float hi = s[0];
                for (float v : s) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                best = Math.max(best, (double) hi - lo);
            }
        }
        return best;
    });

    /** The largest sampled population standard deviation over the inputs. */
    CriticalityMetric STD_DEV = named("std-dev", samples -> {
        double best = 0;
        for (float[] s : samples) {
            if (s.length > 0) {
                double mean = 0;
                for (float v : s) {
                    mean += v;
                }
                mean /= s.length;
                double m2 = 0;
                for (float v : s) {
                    m2 += (v - mean) * (v - mean);
                }
                best = Math.max(best, Math.sqrt(m2 / s.length));
            }
        }
        return best;
    });

    /** How reports name the metric. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** {@code metric} under {@code name}, as reports show it (generated code names a VOP's own {@code Owner.method}). */
    static CriticalityMetric named(String name, CriticalityMetric metric) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metric, "metric");
        return new CriticalityMetric() {
            @Override
            public double score(float[][] samples) {
                return metric.score(samples);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
