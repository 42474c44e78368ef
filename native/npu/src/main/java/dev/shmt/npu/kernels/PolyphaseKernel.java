package dev.shmt.npu.kernels;

import dev.shmt.api.FloatMatrix;
import dev.shmt.api.npu.NpuTensor;

/**
 * The NPU kernel of a TILE_2D VOP whose stencil depends on the parity of a cell's position in the whole
 * matrix, as a one-level wavelet transform's does (lowpass at even positions, highpass at odd ones, per
 * direction). Its model computes four stencils in one int8 convolution, set {@code 2 pr + pc} for row
 * parity {@code pr} and column parity {@code pc}, and the host keeps, for each cell, the one of its
 * parities. Every set gets the HLOP's range scaling ({@link StencilKernel}). Extend it with a
 * no-argument constructor to name it in {@code @NpuModel}.
 */
public abstract class PolyphaseKernel extends StencilKernel {
    /** @param model four weight sets: (even row, even col), (even, odd), (odd, even), (odd, odd) */
    protected PolyphaseKernel(StencilModel model) {
        super(model, 4);
    }

    @Override
    void store(NpuTensor result, FloatMatrix dst, HostScaling map, Clip clip) {
        StencilModel m = model();
        float inverse = 1f / map.scale();
        float[] shift = new float[4];
        for (int g = 0; g < 4; g++) {
            shift[g] = map.offset() * m.weightSum(g);
        }
        int cols = dst.cols();
        int length = m.outputRowLength(cols);
        float[] row = outputRow(length);
        float[] out = dst.array();
        for (int r = 0; r < dst.rows(); r++) {
            result.read(r * length, row, 0, length);
            int to = dst.offset() + r * dst.stride();
            int pr = (dst.originRow() + r) & 1;
            for (int c = 0; c < cols; c++) {
                int g = 2 * pr + ((dst.originCol() + c) & 1);
                float q = row[m.outputIndex(c, g)];
                out[to + c] = clip.at(q) ? clip.exact(g, r, c) : q * inverse + shift[g];
            }
        }
    }
}
