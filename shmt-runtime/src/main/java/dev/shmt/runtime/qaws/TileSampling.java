package dev.shmt.runtime.qaws;

import dev.shmt.api.CriticalityMetric;
import dev.shmt.api.FloatArray;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Partition;
import dev.shmt.api.QawsSettings;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.api.npu.NpuKernel;
import java.util.List;

/**
 * Samples every HLOP's part of the call's input views (the arguments with role IN) and scores it with
 * the call's {@link CriticalityMetric} ({@link #metricFor}). A {@code TILE_2D} or
 * {@code ELEMENTWISE}/{@code REDUCE} input is read over the HLOP's region; a {@code ROWS} input over the
 * HLOP's rows at the input's own width. Every input of an HLOP is read with the same seed, so views of
 * one shape are sampled at the same cells and a metric can combine them (an option's spot with its
 * strike). An input whose shape does not match the call is skipped and reaches the metric empty.
 */
public final class TileSampling {
    private TileSampling() {}

    /**
     * The name reports give HLOPs scored by their NPU kernel's predicted error ({@link NpuKernel#predictedError});
     * its sample form is never asked.
     */
    public static final CriticalityMetric PREDICTED = CriticalityMetric.named("predicted-error", samples -> Double.NaN);

    /**
     * The metric {@code call}'s HLOPs are scored with: the VOP's own ({@link VopCall#criticality()}),
     * else the one its NPU kernel declares its int8 error follows, else the runtime's setting.
     */
    public static CriticalityMetric metricFor(VopCall call, QawsSettings settings) {
        if (call.criticality() != null) {
            return call.criticality();
        }
        NpuKernel npu = call.implementation(NpuKernel.class);
        if (npu != null && npu.predictsError()) {
            return PREDICTED;
        }
        if (npu != null && npu.criticality() != null) {
            return npu.criticality();
        }
        return settings.criticality();
    }

    public static Assessment assess(VopCall call, List<Region> regions, Sampler sampler, QawsSettings settings) {
        long start = System.nanoTime();
        NpuKernel npu = call.implementation(NpuKernel.class);
        if (call.criticality() == null && npu != null && npu.predictsError()) {
            return predicted(call, regions, npu, settings, start);
        }
        CriticalityMetric metric = metricFor(call, settings);
        double[] scores = new double[regions.size()];
        int[] nonFinite = new int[regions.size()];
        List<VopCall.Arg> inputs = call.args().stream().filter(a -> a.role() == VopCall.Role.IN).toList();
        SampleBuffer[] buffers = new SampleBuffer[inputs.size()];
        float[][] samples = new float[inputs.size()][];
        for (int a = 0; a < buffers.length; a++) {
            buffers[a] = new SampleBuffer();
        }
        for (int i = 0; i < scores.length; i++) {
            Region region = regions.get(i);
            long seed = UniformSampler.mix(settings.seed() + 0x9E3779B97F4A7C15L * i);
            boolean any = false;
            for (int a = 0; a < buffers.length; a++) {
                buffers[a].reset();
                any |= sample(call, region, inputs.get(a).value(), sampler, settings, seed, buffers[a]);
                nonFinite[i] += buffers[a].nonFinite();
                samples[a] = buffers[a].values();
            }
            if (!any) {
                scores[i] = Double.NaN;
            } else if (nonFinite[i] > 0) {
                scores[i] = Double.POSITIVE_INFINITY;
            } else {
                scores[i] = metric.score(samples);
            }
        }
        return new Assessment(scores, nonFinite, System.nanoTime() - start);
    }

    /**
     * Scores each HLOP by the int8 error its NPU kernel predicts from a look at its inputs (the kernel reads
     * what it needs, about as many cells as the sampler would): the error that remains once the kernel has
     * fitted its scales to the HLOP, which ranks HLOPs better than any statistic of the raw inputs.
     */
    private static Assessment predicted(VopCall call, List<Region> regions, NpuKernel npu, QawsSettings settings,
                                        long start) {
        double[] scores = new double[regions.size()];
        int[] nonFinite = new int[regions.size()];
        for (int i = 0; i < scores.length; i++) {
            Region r = regions.get(i);
            scores[i] = npu.predictedError(call, r, settings.samplesFor(r.elements()));
            nonFinite[i] = Double.isInfinite(scores[i]) ? 1 : 0;
        }
        return new Assessment(scores, nonFinite, System.nanoTime() - start);
    }

    /** Samples {@code view} over {@code region} into {@code stats}; false when the view does not fit the call. */
    private static boolean sample(VopCall call, Region region, Object view, Sampler sampler, QawsSettings settings,
                                  long seed, SampleSink stats) {
        if (view instanceof FloatArray) {
            FloatArray a = (FloatArray) view;
            if (region.row() != 0 || region.rows() != 1 || a.length() != call.cols()) {
                return false;
            }
            sampler.sample(a.array(), a.offset() + region.start(), 1, region.length(), region.length(),
                    settings.samplesFor(region.length()), seed, stats);
            return true;
        }
        FloatMatrix m = (FloatMatrix) view;
        int cols;
        int col;
        if (m.rows() == call.rows() && m.cols() == call.cols()) {
            cols = region.cols();
            col = region.col();
        } else if (call.partition() == Partition.ROWS && m.rows() == call.rows()) {
            cols = m.cols();
            col = 0;
        } else {
            return false;
        }
        sampler.sample(m.array(), m.offset() + region.row() * m.stride() + col, region.rows(), cols, m.stride(),
                settings.samplesFor((long) region.rows() * cols), seed, stats);
        return true;
    }
}
