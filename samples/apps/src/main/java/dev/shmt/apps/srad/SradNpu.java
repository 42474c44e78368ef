package dev.shmt.apps.srad;

import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.npu.kernels.StencilModel;
import dev.shmt.npu.kernels.StencilSetsKernel;
import dev.shmt.npu.quant.ValueRange;

/**
 * SRAD on the NPU, decomposed as Sobel is: the linear part, the four differences of every cell
 * ({@link Srad#DIFFERENCES}), runs as one int8 convolution with four weight sets over the tile, scaled by
 * the tile's own range; the rest of each cell, divisions, a clamp and products with the coefficients, is
 * not linear and runs on the host in fp32 ({@link Srad#cell}, {@link Srad#step}) from the dequantized
 * differences and the cell's own value.
 */
public final class SradNpu {
    /** J = exp(I / 255) of an 8-bit image I, Rodinia's input transform. */
    static final ValueRange RANGE = new ValueRange(1f, (float) Math.E);

    private SradNpu() {}

    private static StencilModel differences() {
        return new StencilModel(Srad.DIFFERENCES, 3, RANGE);
    }

    /** The n-th {@code role} argument of {@code call}, from 0. */
    static Object arg(VopCall call, VopCall.Role role, int n) {
        int seen = 0;
        for (VopCall.Arg a : call.args()) {
            if (a.role() == role && seen++ == n) {
                return a.value();
            }
        }
        throw new IllegalStateException(call.name() + " has no " + role + " argument #" + n);
    }

    /** {@link Srad#coefficient}: q0sqr is its scalar. */
    public static final class Coefficient extends StencilSetsKernel {
        public Coefficient() {
            super(differences());
        }

        @Override
        protected void combine(VopCall call, Region region, int r, float[][] d, FloatMatrix dst) {
            FloatMatrix j = ((FloatMatrix) arg(call, VopCall.Role.IN, 0)).region(region);
            float q0sqr = ((Number) arg(call, VopCall.Role.SCALAR, 0)).floatValue();
            float[] out = dst.array();
            int to = dst.offset() + r * dst.stride();
            float[] a = j.array();
            int from = j.offset() + r * j.stride();
            for (int x = 0; x < dst.cols(); x++) {
                out[to + x] = Srad.cell(a[from + x], d[0][x], d[1][x], d[2][x], d[3][x], q0sqr);
            }
        }
    }

    /** {@link Srad#update}: the coefficients are its second input, lambda its scalar. */
    public static final class Update extends StencilSetsKernel {
        public Update() {
            super(differences());
        }

        @Override
        protected void combine(VopCall call, Region region, int r, float[][] d, FloatMatrix dst) {
            FloatMatrix j = ((FloatMatrix) arg(call, VopCall.Role.IN, 0)).region(region);
            FloatMatrix c = ((FloatMatrix) arg(call, VopCall.Role.IN, 1)).tile(region, 1);
            float lambda = ((Number) arg(call, VopCall.Role.SCALAR, 0)).floatValue();
            float[] out = dst.array();
            int to = dst.offset() + r * dst.stride();
            for (int x = 0; x < dst.cols(); x++) {
                out[to + x] = Srad.step(j.get(r, x), d[0][x], d[1][x], d[2][x], d[3][x], c.get(r, x), c.get(r + 1, x),
                        c.get(r, x + 1), lambda);
            }
        }
    }
}
