package dev.shmt.runtime.qaws;

import dev.shmt.api.FloatArray;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Partition;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import java.util.List;

/**
 * Samples every HLOP's part of the call's input views (the arguments with role IN) and scores it. A
 * {@code TILE_2D} or {@code ELEMENTWISE}/{@code REDUCE} input is read over the HLOP's region; a
 * {@code ROWS} input over the HLOP's rows at the input's own width. An input whose shape does not match
 * the call is skipped. With several inputs a tile scores the highest of their scores: one input with a
 * wide spread is enough to make the tile critical.
 */
public final class TileSampling {
    private TileSampling() {}

    public static Assessment assess(VopCall call, List<Region> regions, Sampler sampler, QawsSettings settings) {
        long start = System.nanoTime();
        double[] scores = new double[regions.size()];
        int[] nonFinite = new int[regions.size()];
        TileStats stats = new TileStats();
        List<VopCall.Arg> args = call.args();
        for (int i = 0; i < scores.length; i++) {
            Region region = regions.get(i);
            double score = Double.NaN;
            for (int a = 0; a < args.size(); a++) {
                VopCall.Arg arg = args.get(a);
                if (arg.role() != VopCall.Role.IN) {
                    continue;
                }
                stats.reset();
                long seed = UniformSampler.mix(settings.seed() + 0x9E3779B97F4A7C15L * i + a);
                if (!sample(call, region, arg.value(), sampler, settings, seed, stats)) {
                    continue;
                }
                nonFinite[i] += (int) stats.nonFinite();
                double s = settings.criticality().score(stats);
                score = Double.isNaN(score) ? s : Math.max(score, s);
            }
            scores[i] = score;
        }
        return new Assessment(scores, nonFinite, System.nanoTime() - start);
    }

    /** Samples {@code view} over {@code region} into {@code stats}; false when the view does not fit the call. */
    private static boolean sample(VopCall call, Region region, Object view, Sampler sampler, QawsSettings settings,
                                  long seed, TileStats stats) {
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
