package dev.shmt.npu.kernels;

import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.api.npu.NpuTensor;

/**
 * The NPU kernel of a TILE_2D VOP that is several linear stencils of one input followed by per-cell host
 * arithmetic the NPU cannot do in int8 (divisions, a clamp, products with another input): the model
 * computes every stencil in one convolution ({@link StencilModel} with several weight sets), each with the
 * HLOP's range scaling ({@link StencilKernel}), and the host gets each output row's dequantized sets to
 * {@link #combine}. Extend it with a no-argument constructor to name it in {@code @NpuModel}.
 */
public abstract class StencilSetsKernel extends StencilKernel {
    /** Per worker thread: each set's values for one row. */
    private final ThreadLocal<float[][]> rows = ThreadLocal.withInitial(() -> new float[0][]);

    protected StencilSetsKernel(StencilModel model) {
        super(model, model.sets());
    }

    /**
     * Writes row {@code r} of the HLOP's output region {@code dst} from {@code sets[g][c]}, stencil
     * {@code g}'s value at column {@code c} of that row ({@code cols} columns), and whatever else of
     * {@code call} the VOP needs over {@code region}.
     */
    protected abstract void combine(VopCall call, Region region, int r, float[][] sets, FloatMatrix dst);

    @Override
    void store(NpuTensor result, FloatMatrix dst, HostScaling map, Clip clip) {
        throw new AssertionError("StencilKernel.run calls storeAll, which combines the sets");
    }

    @Override
    void storeAll(NpuTensor result, FloatMatrix dst, HostScaling map, Clip clip, VopCall call, Region region) {
        StencilModel m = model();
        int sets = m.sets();
        int cols = dst.cols();
        int length = m.outputRowLength(cols);
        float[] row = outputRow(length);
        float[][] values = rows.get();
        if (values.length != sets || values[0].length < cols) {
            values = new float[sets][cols];
            rows.set(values);
        }
        float inverse = 1f / map.scale();
        for (int r = 0; r < dst.rows(); r++) {
            result.read(r * length, row, 0, length);
            for (int g = 0; g < sets; g++) {
                float shift = map.offset() * m.weightSum(g);
                float[] v = values[g];
                for (int c = 0; c < cols; c++) {
                    float q = row[m.outputIndex(c, g)];
                    v[c] = clip.at(q) ? clip.exact(g, r, c) : q * inverse + shift;
                }
            }
            combine(call, region, r, values, dst);
        }
    }
}
