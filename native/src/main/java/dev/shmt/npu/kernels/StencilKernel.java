package dev.shmt.npu.kernels;

import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.api.npu.NpuContext;
import dev.shmt.api.npu.NpuInterpreter;
import dev.shmt.api.npu.NpuKernel;
import dev.shmt.api.npu.NpuTensor;

/**
 * The NPU kernel of a TILE_2D stencil VOP with one input and one output matrix: quantizes the tile
 * and its halo straight into the model's input tensor, runs it, and dequantizes into the output
 * region. Extend it with a no-argument constructor to name it in {@code @NpuModel}. Its model has one
 * weight set; {@link MagnitudeKernel} takes a model with two and stores their magnitude instead.
 */
public abstract class StencilKernel implements NpuKernel {
    private final StencilModel model;
    private final String keyPrefix;

    protected StencilKernel(StencilModel model) {
        this(model, 1);
    }

    /** For subclasses in this package whose {@link #store} expects {@code sets} weight sets. */
    StencilKernel(StencilModel model, int sets) {
        if (model.sets() != sets) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs a model with " + sets
                    + " weight set(s), got " + model.sets());
        }
        this.model = model;
        this.keyPrefix = getClass().getName() + "@";
    }

    public StencilModel model() {
        return model;
    }

    @Override
    public Object run(NpuContext npu, VopCall call, Region region) {
        int halo = model.halo();
        if (call.halo() != halo) {
            throw new IllegalStateException(call.name() + " declares halo " + call.halo() + " but its "
                    + model.halo() * 2 + 1 + "-wide NPU stencil needs halo " + halo);
        }
        FloatMatrix in = null;
        FloatMatrix out = null;
        for (VopCall.Arg a : call.args()) {
            if (a.value() instanceof FloatMatrix m) {
                if (a.role() == VopCall.Role.IN && in == null) {
                    in = m;
                } else if (a.role() == VopCall.Role.OUT && out == null) {
                    out = m;
                }
            }
        }
        if (in == null || out == null) {
            throw new IllegalStateException(call.name() + ": an NPU stencil needs one @In and one @Out FloatMatrix");
        }
        int rows = region.rows();
        int cols = region.cols();
        NpuInterpreter it = npu.interpreter(keyPrefix + rows + "x" + cols, () -> model.build(rows, cols));
        it.input(0).write(in.tile(region, halo), halo, model.inputRowStart(), model.inputRowLength(cols));
        it.invoke();
        if (npu.claimOutput()) {
            store(it.output(0), out.region(region));
        }
        return null;
    }

    /** Dequantizes the invoked model's output tensor into the HLOP's output region {@code dst}. */
    void store(NpuTensor result, FloatMatrix dst) {
        result.read(dst, 0, model.outputRowLength(dst.cols()));
    }
}
