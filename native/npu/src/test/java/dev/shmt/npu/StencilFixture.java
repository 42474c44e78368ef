package dev.shmt.npu;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Partition;
import dev.shmt.api.VopCall;
import dev.shmt.api.npu.NpuKernel;
import dev.shmt.api.npu.NpuTensor;
import dev.shmt.npu.kernels.StencilKernel;
import dev.shmt.npu.kernels.StencilModel;
import dev.shmt.npu.quant.ValueRange;
import java.util.SplittableRandom;

/** A 3x3 stencil VOP call built the way generated code builds it, and its double-precision reference. */
final class StencilFixture {
    /** A sharpening kernel: negative weights, so the output range is wider than the input's. */
    static final float[] WEIGHTS = {0, -0.25f, 0, -0.25f, 2f, -0.25f, 0, -0.25f, 0};

    public static final class Sharpen extends StencilKernel {
        public Sharpen() {
            super(new StencilModel(WEIGHTS, 3, new ValueRange(0f, 1f)));
        }
    }

    final FloatMatrix src;
    final FloatMatrix dst;
    final VopCall call;
    final Sharpen kernel = new Sharpen();

    StencilFixture(int rows, int cols, int tile) {
        SplittableRandom rnd = new SplittableRandom(42);
        src = FloatMatrix.create(rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                src.set(r, c, (float) rnd.nextDouble());
            }
        }
        dst = FloatMatrix.create(rows, cols);
        call = VopCall.builder("sharpen", Partition.TILE_2D).shape(rows, cols).halo(1).border(Border.CLAMP)
                .tileHint(tile, tile)
                .arg("src", VopCall.Role.IN, src).arg("dst", VopCall.Role.OUT, dst)
                .implementation(NpuKernel.class, kernel).build();
    }

    /** The same call with a CPU body too (the stencil in float on each tile), so a cpu device can take HLOPs. */
    VopCall withCpu() {
        FloatMatrix in = src.withBorder(Border.CLAMP);
        return VopCall.builder("sharpen", Partition.TILE_2D).shape(src.rows(), src.cols()).halo(1)
                .border(Border.CLAMP).tileHint(call.tileRows(), call.tileCols())
                .arg("src", VopCall.Role.IN, in).arg("dst", VopCall.Role.OUT, dst)
                .cpu(region -> {
                    FloatMatrix s = in.tile(region, 1);
                    FloatMatrix d = dst.region(region);
                    for (int r = 0; r < d.rows(); r++) {
                        for (int c = 0; c < d.cols(); c++) {
                            float v = 0;
                            for (int k = 0; k < 9; k++) {
                                v += WEIGHTS[k] * s.get(r + k / 3 - 1, c + k % 3 - 1);
                            }
                            d.set(r, c, v);
                        }
                    }
                    return null;
                })
                .implementation(NpuKernel.class, kernel).build();
    }

    double reference(int r, int c) {
        double s = 0;
        for (int dr = -1; dr <= 1; dr++) {
            for (int dc = -1; dc <= 1; dc++) {
                s += WEIGHTS[(dr + 1) * 3 + dc + 1] * (double) src.get(r + dr, c + dc);
            }
        }
        return s;
    }

    /**
     * The most an int8 result may differ from the exact one: half an input step through the weights'
     * absolute sum, each weight's own quantization error (per-tensor symmetric scale) times the largest
     * input, and one output step (the requantization's rounding of the accumulator plus the output's
     * own rounding).
     */
    static double bound(NpuTensor in, NpuTensor out) {
        double absW = 0;
        double maxW = 0;
        for (float w : WEIGHTS) {
            absW += Math.abs(w);
            maxW = Math.max(maxW, Math.abs(w));
        }
        double step = maxW / 127;
        double maxAbsIn = Math.max(Math.abs(in.scale() * (-128 - in.zeroPoint())), Math.abs(in.scale() * (127 - in.zeroPoint())));
        double weightError = 0;
        for (float w : WEIGHTS) {
            weightError += Math.abs(w - Math.rint(w / step) * step) * maxAbsIn;
        }
        return absW * in.scale() / 2 + weightError + out.scale();
    }

    double maxError() {
        double worst = 0;
        for (int r = 0; r < src.rows(); r++) {
            for (int c = 0; c < src.cols(); c++) {
                worst = Math.max(worst, Math.abs(dst.get(r, c) - reference(r, c)));
            }
        }
        return worst;
    }
}
