package dev.shmt.npu.kernels;

import dev.shmt.api.FloatMatrix;
import dev.shmt.api.npu.NpuTensor;

/**
 * The NPU kernel of a TILE_2D gradient VOP: its model computes two stencils (Gx and Gy) in one int8
 * convolution, and the host stores {@code sqrt(gx^2 + gy^2)} of their dequantized values in the output
 * region. The magnitude stays on the host because it is not linear: int8 would square away most of
 * its precision; the two linear maps get the HLOP's range scaling ({@link StencilKernel}) each. Extend it with a no-argument constructor to name it in {@code @NpuModel}.
 */
public abstract class MagnitudeKernel extends StencilKernel {
    /** @param model two weight sets: set 0 gives Gx, set 1 Gy (the order does not change the result) */
    protected MagnitudeKernel(StencilModel model) {
        super(model, 2);
    }

    @Override
    void store(NpuTensor result, FloatMatrix dst, HostScaling map, Clip clip) {
        StencilModel m = model();
        // Each set's value, undone from the input's map: W x = W x' / s + o sum(W).
        float inverse = 1f / map.scale();
        float shiftX = map.offset() * m.weightSum(0);
        float shiftY = map.offset() * m.weightSum(1);
        int cols = dst.cols();
        int length = m.outputRowLength(cols);
        float[] row = outputRow(length);
        int b = m.block();
        float[] out = dst.array();
        for (int r = 0; r < dst.rows(); r++) {
            result.read(r * length, row, 0, length);
            int to = dst.offset() + r * dst.stride();
            // A block of Gx channels, then the same block's Gy channels, for each position.
            for (int c0 = 0; c0 < cols; c0 += b) {
                int x = m.outputIndex(c0, 0);
                int y = m.outputIndex(c0, 1);
                for (int j = 0, n = Math.min(b, cols - c0); j < n; j++) {
                    float qx = row[x + j];
                    float qy = row[y + j];
                    float gx = clip.at(qx) ? clip.exact(0, r, c0 + j) : qx * inverse + shiftX;
                    float gy = clip.at(qy) ? clip.exact(1, r, c0 + j) : qy * inverse + shiftY;
                    out[to + c0 + j] = (float) Math.sqrt(gx * gx + gy * gy);
                }
            }
        }
    }
}
