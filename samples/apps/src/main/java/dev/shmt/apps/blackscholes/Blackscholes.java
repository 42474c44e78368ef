package dev.shmt.apps.blackscholes;

import dev.shmt.api.DeviceKind;
import dev.shmt.api.EmulationCost;
import dev.shmt.api.FloatArray;
import dev.shmt.api.GpuKernel;
import dev.shmt.api.In;
import dev.shmt.api.NpuModel;
import dev.shmt.api.Out;
import dev.shmt.api.Partition;
import dev.shmt.api.Vop;

/**
 * The Blackscholes benchmark VOP: European call and put prices with the formulas of NVIDIA's CUDA
 * sample and the Abramowitz-Stegun polynomial for the cumulative normal distribution. The processor
 * generates {@code BlackscholesVops}, which runs it in chunks of options on every device of a runtime.
 */
public final class Blackscholes {
    /** The riskless rate of the benchmark (and of its NPU model). */
    public static final float R = 0.02f;

    /** The volatility of the benchmark (and of its NPU model). */
    public static final float V = 0.30f;

    private static final float A1 = 0.31938153f;
    private static final float A2 = -0.356563782f;
    private static final float A3 = 1.781477937f;
    private static final float A4 = -1.821255978f;
    private static final float A5 = 1.330274429f;
    private static final float RSQRT2PI = 0.39894228040143267793994605993438f;

    private Blackscholes() {}

    /**
     * Prices option {@code i} (spot {@code s[i]}, strike {@code x[i]}, years to expiry {@code t[i]}) at
     * rate {@code r} and volatility {@code v} into {@code call[i]} and {@code put[i]}. The same fp32
     * operations in the same order as {@code blackscholes.cu} (built without FMA contraction), with
     * {@code logf}, {@code expf} and {@code sqrtf} as the correctly rounded double functions rounded
     * to float, so CPU and GPU agree within the few ulps of CUDA's {@code expf}/{@code logf}. The NPU
     * ({@link BlackscholesNpu}) approximates call / S with an int8 network and is close, not equal.
     */
    // Emulation costs: two CNDF polynomials, exp, log, sqrt and divisions per option (about 150); the NPU: a
    // 2-32-32-1 MLP (about 2200), reading three int8 inputs
    @EmulationCost(kind = DeviceKind.CPU, opsPerCell = 150, bytesPerCell = 20)
    @EmulationCost(kind = DeviceKind.GPU, opsPerCell = 150, bytesPerCell = 20)
    @EmulationCost(kind = DeviceKind.NPU, opsPerCell = 2200, bytesPerCell = 3)
    @Vop(partition = Partition.ELEMENTWISE, criticality = "priceScale")
    @GpuKernel(ptx = "/dev/shmt/apps/blackscholes/blackscholes.ptx", function = "blackscholes")
    @NpuModel(BlackscholesNpu.class)
    public static void price(@In FloatArray s, @In FloatArray x, @In FloatArray t, float r, float v,
            @Out FloatArray call, @Out FloatArray put) {
        int n = call.length();
        if (s.length() != n || x.length() != n || t.length() != n || put.length() != n) {
            // The loop reads by offset into the backing arrays: a shorter view would read past its end.
            throw new IllegalArgumentException("s, x, t, call and put must have the same length, got " + s.length()
                    + ", " + x.length() + ", " + t.length() + ", " + n + " and " + put.length());
        }
        float[] sa = s.array();
        float[] xa = x.array();
        float[] ta = t.array();
        float[] ca = call.array();
        float[] pa = put.array();
        int so = s.offset();
        int xo = x.offset();
        int to = t.offset();
        int co = call.offset();
        int po = put.offset();
        float drift = r + 0.5f * v * v;
        for (int i = 0; i < n; i++) {
            float sv = sa[so + i];
            float xv = xa[xo + i];
            float tv = ta[to + i];
            float sqrtT = (float) Math.sqrt(tv);
            float d1 = ((float) Math.log(sv / xv) + drift * tv) / (v * sqrtT);
            float d2 = d1 - v * sqrtT;
            float cndD1 = cnd(d1);
            float cndD2 = cnd(d2);
            float expRT = (float) Math.exp(-r * tv);
            ca[co + i] = sv * cndD1 - xv * expRT * cndD2;
            pa[po + i] = xv * expRT * (1.0f - cndD2) - sv * (1.0f - cndD1);
        }
    }

    /**
     * {@link #price}'s criticality: the mean over the sampled options of min(S, X e^(-rT)). The NPU's
     * int8 network gives the out-of-the-money price per unit of that smaller one (S for a call out of
     * the money, X e^(-rT) for a put) and parity gives the other, so an option's absolute error is about
     * that unit times the network's error. Found by measurement on {@link Options#chains} (8M options,
     * 64K per HLOP): Spearman correlation with each HLOP's real NPU error 0.99; with max(S, X) 0.50.
     */
    static double priceScale(float[] s, float[] x, float[] t) {
        double sum = 0;
        for (int i = 0; i < s.length; i++) {
            sum += Math.min(s[i], x[i] * (float) Math.exp(-R * t[i]));
        }
        return s.length == 0 ? 0 : sum / s.length;
    }

    /** The Abramowitz-Stegun cumulative normal distribution in fp32, as {@code cnd} of the CUDA kernel. */
    static float cnd(float d) {
        float k = 1.0f / (1.0f + 0.2316419f * Math.abs(d));
        float c = RSQRT2PI * (float) Math.exp(-0.5f * d * d) * (k * (A1 + k * (A2 + k * (A3 + k * (A4 + k * A5)))));
        return d > 0 ? 1.0f - c : c;
    }
}
