package dev.shmt.apps.hotspot;

import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.npu.kernels.StencilKernel;
import dev.shmt.npu.kernels.StencilModel;
import dev.shmt.npu.quant.ValueRange;

/**
 * {@link Hotspot#step} on the NPU, decomposed: the update is linear, so the temperature's part (the
 * 5-point stencil {@link Hotspot#WEIGHTS}) runs as one int8 convolution over the tile, spread over the
 * model's input range by the tile's own range, and the power's part with the ambient's,
 * {@code K (P + AMB / Rz)}, is added on the host in fp32 ({@link #finish}). A model with the power as a
 * second input channel would quantize it with the temperature's steps, coarser than its whole range.
 */
public final class HotspotNpu extends StencilKernel {
    /** Temperatures the model is calibrated for, in degrees: the ambient to well past a hot spot. */
    static final ValueRange RANGE = new ValueRange(Hotspot.AMB, 400f);

    public HotspotNpu() {
        super(new StencilModel(Hotspot.WEIGHTS, 3, RANGE));
    }

    @Override
    protected void finish(VopCall call, Region region, FloatMatrix dst) {
        FloatMatrix power = null;
        int inputs = 0;
        for (VopCall.Arg a : call.args()) {
            if (a.role() == VopCall.Role.IN && inputs++ == 1) {
                power = ((FloatMatrix) a.value()).region(region);
            }
        }
        if (power == null) {
            throw new IllegalStateException(call.name() + ": the HotSpot NPU kernel needs the power grid as the second @In");
        }
        float ambient = Hotspot.AMB * Hotspot.G_AMBIENT;
        float k = Hotspot.K;
        float[] out = dst.array();
        float[] p = power.array();
        for (int r = 0; r < dst.rows(); r++) {
            int o = dst.offset() + r * dst.stride();
            int q = power.offset() + r * power.stride();
            for (int c = 0; c < dst.cols(); c++) {
                out[o + c] += k * (p[q + c] + ambient);
            }
        }
    }
}
