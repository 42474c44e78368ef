package dev.shmt.apps.blackscholes;

import dev.shmt.api.FloatArray;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.api.npu.NpuContext;
import dev.shmt.api.npu.NpuInterpreter;
import dev.shmt.api.npu.NpuKernel;
import dev.shmt.npu.quant.ValueRange;
import dev.shmt.npu.train.Normalization;
import dev.shmt.npu.train.TrainedModel;

/**
 * {@link Blackscholes#price} on the NPU. Per option the host computes the discounted strike
 * X e^(-rT), the features |w| = |S - X e^(-rT)| / (S + X e^(-rT)) and sqrt(T) (normalized as the
 * model's {@link Normalization} says); the int8 network of {@link BlackscholesModel} gives g, the
 * out-of-the-money price per unit of underlying; and the host finishes: the out-of-the-money price
 * is S g (a call, w <= 0) or X e^(-rT) g (a put, w > 0), never below 0, and the other price follows by
 * put-call parity, call - put = S - X e^(-rT), so both carry the same absolute error. The model has
 * a static batch of {@link #BATCH} options; an HLOP runs in batches of it.
 *
 * <p>The model knows only {@link Blackscholes#R} and {@link Blackscholes#V}, and T only in the
 * {@link Options} range (any S, X >= 0 are fine: the price scales with them). Other rates or
 * volatilities, and such options, are refused with an {@link IllegalArgumentException} (the runtime
 * then runs the HLOP on a precise device, and its report says why) rather than answered wrongly.
 */
public final class BlackscholesNpu implements NpuKernel {
    /**
     * Options per model invocation: the model's static batch. HLOP chunks are whole 4 KiB pages (1024
     * floats), so every chunk but the last is whole batches.
     */
    public static final int BATCH = 1024;

    /** One worker's staging buffers, reused for every HLOP it runs: features in, g out, and each option's w and X e^(-rT). */
    private static final class Scratch {
        final float[] features = new float[2 * BATCH];
        final float[] out = new float[BATCH];
        final float[] w = new float[BATCH];
        final float[] discountedX = new float[BATCH];
        /** Options of the batch with a NaN or infinite input, priced on the host instead. */
        final boolean[] nonFinite = new boolean[BATCH];
        final FloatArray featureView = FloatArray.wrap(features);
        final FloatArray outView = FloatArray.wrap(out);
        /** The HLOP's prices, copied to the caller's arrays only once the runtime lets this HLOP write. */
        float[] calls = new float[0];
        float[] puts = new float[0];

        void fit(int n) {
            if (calls.length < n) {
                calls = new float[n];
                puts = new float[n];
            }
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * Trains or loads the model now, so that no timed run pays for it; later calls return at once.
     * Returns the model, with its measured int8 error; throws {@link IllegalStateException} with the
     * cause where it cannot be had (as will every HLOP then).
     */
    public static TrainedModel prepare() {
        return BlackscholesModel.get();
    }

    @Override
    public Object run(NpuContext npu, VopCall call, Region region) {
        FloatArray s = array(call, 0, "s");
        FloatArray x = array(call, 1, "x");
        FloatArray t = array(call, 2, "t");
        float r = scalar(call, 3, "r");
        float v = scalar(call, 4, "v");
        FloatArray callOut = array(call, 5, "call");
        FloatArray putOut = array(call, 6, "put");
        if (Float.compare(r, Blackscholes.R) != 0 || Float.compare(v, Blackscholes.V) != 0) {
            throw new IllegalArgumentException(call.name() + ": r = " + r + ", v = " + v + ", but the NPU model of "
                    + getClass().getSimpleName() + " was trained for r = " + Blackscholes.R + ", v = "
                    + Blackscholes.V + " only; run other rates and volatilities on the cpu or gpu");
        }
        TrainedModel model = BlackscholesModel.get();
        NpuInterpreter it = npu.interpreter(getClass().getName() + "@" + model.key(), model::tflite);
        Scratch sc = SCRATCH.get();
        sc.fit(region.length());
        Normalization norm = model.normalization();
        float[] center = norm.inputCenter();
        float[] half = norm.inputHalfWidth();
        // Multiplying by 1 / half-width instead of dividing moves a feature by an ulp, far below an int8 step.
        float wCenter = center[0];
        float wScale = 1f / half[0];
        float tCenter = center[1];
        float tScale = 1f / half[1];
        float yCenter = norm.outputCenter();
        float yHalf = norm.outputHalfWidth();

        float[] sa = s.array();
        float[] xa = x.array();
        float[] ta = t.array();
        float[] ca = sc.calls;
        float[] pa = sc.puts;
        float[] f = sc.features;
        float[] g = sc.out;
        float[] ws = sc.w;
        float[] dxs = sc.discountedX;
        int start = region.start();
        int end = start + region.length();
        for (int b = start; b < end; b += BATCH) {
            int n = Math.min(BATCH, end - b);
            int so = s.offset() + b;
            int xo = x.offset() + b;
            int to = t.offset() + b;
            // Checked once per batch from these extremes rather than per option, so the loop has no exit.
            float lowest = 0f;
            float wMax = 0f;
            float qMin = Float.POSITIVE_INFINITY;
            float qMax = 0f;
            for (int i = 0; i < n; i++) {
                float sv = sa[so + i];
                float xv = xa[xo + i];
                float tv = ta[to + i];
                float dx = xv * expMinus(r * tv);
                float w = (sv - dx) / (sv + dx);
                float q = BlackscholesModel.sqrtT(tv);
                lowest = Math.min(lowest, Math.min(sv, xv));
                wMax = Math.max(wMax, Math.abs(w));
                qMin = Math.min(qMin, q);
                qMax = Math.max(qMax, q);
                ws[i] = w;
                dxs[i] = dx;
                f[2 * i] = (Math.abs(w) - wCenter) * wScale;
                f[2 * i + 1] = (q - tCenter) * tScale;
            }
            // Math.min and max pass NaN on, and every comparison with NaN is false: NaN inputs land here too.
            boolean special = !(lowest >= 0f && wMax <= 1f && qMin >= BlackscholesModel.SQRT_T.min()
                    && qMax <= BlackscholesModel.SQRT_T.max());
            if (special) {
                markNonFinite(call, s, x, t, b, n, r, sc);
            }
            // A last, partial batch leaves the rest of the buffers as they were: earlier options' features,
            // or 0s (the domain's center, normalized), so the padding is valid input; its results are never read.
            it.input(0).write(sc.featureView);
            it.invoke();
            it.output(0).read(sc.outView);
            int co = b - start;
            int po = b - start;
            for (int i = 0; i < n; i++) {
                float sv = sa[so + i];
                float dx = dxs[i];
                boolean callOtm = ws[i] <= 0f;
                float otm = Math.max(0f, (callOtm ? sv : dx) * (yCenter + yHalf * g[i]));
                ca[co + i] = callOtm ? otm : otm + sv - dx;
                pa[po + i] = callOtm ? otm - sv + dx : otm;
            }
            if (special) {
                priceNonFinite(s, x, t, r, v, b, n, sc, co, po);
            }
        }
        if (npu.claimOutput()) {
            System.arraycopy(ca, 0, callOut.array(), callOut.offset() + start, region.length());
            System.arraycopy(pa, 0, putOut.array(), putOut.offset() + start, region.length());
        }
        return null;
    }

    /**
     * e^(-y) for y = rT in [0, 0.2] (r = {@link Blackscholes#R}, T in the {@link Options} range, both
     * checked): Taylor to degree 6, off by at most y^7 / 7! = 2.6e-9 relative plus a few float
     * roundings, far below the model's error, and several times cheaper than {@link Math#exp}.
     */
    static float expMinus(float y) {
        return 1f - y * (1f - y * (1f / 2 - y * (1f / 6 - y * (1f / 24 - y * (1f / 120 - y * (1f / 720))))));
    }

    /**
     * A batch that failed the domain check: options with a NaN or infinite input flow through (they get
     * the model's neutral input here and the exact formula's result in {@link #priceNonFinite}), any
     * finite option outside the trained domain refuses the HLOP.
     */
    private static void markNonFinite(VopCall call, FloatArray s, FloatArray x, FloatArray t, int b, int n, float r,
            Scratch sc) {
        for (int i = 0; i < n; i++) {
            float sv = s.get(b + i);
            float xv = x.get(b + i);
            float tv = t.get(b + i);
            boolean finite = Float.isFinite(sv) && Float.isFinite(xv) && Float.isFinite(tv);
            sc.nonFinite[i] = !finite;
            if (!finite) {
                sc.features[2 * i] = 0f;
                sc.features[2 * i + 1] = 0f;
                continue;
            }
            float q = BlackscholesModel.sqrtT(tv);
            if (!(Math.min(sv, xv) >= 0f && Math.abs(sc.w[i]) <= 1f && q >= BlackscholesModel.SQRT_T.min()
                    && q <= BlackscholesModel.SQRT_T.max())) {
                throw outsideDomain(call, s, x, t, b + i, 1, r);
            }
        }
    }

    /** The options {@link #markNonFinite} found, priced by the CPU's formula: NaN and infinity as the CPU gives them. */
    private static void priceNonFinite(FloatArray s, FloatArray x, FloatArray t, float r, float v, int b, int n,
            Scratch sc, int co, int po) {
        for (int i = 0; i < n; i++) {
            if (sc.nonFinite[i]) {
                FloatArray c = FloatArray.create(1);
                FloatArray p = FloatArray.create(1);
                Blackscholes.price(s.slice(b + i, 1), x.slice(b + i, 1), t.slice(b + i, 1), r, v, c, p);
                sc.calls[co + i] = c.get(0);
                sc.puts[po + i] = p.get(0);
            }
        }
    }

    /** The first option of the batch from {@code b} that the model cannot price, and why. */
    private static IllegalArgumentException outsideDomain(VopCall call, FloatArray s, FloatArray x, FloatArray t, int b,
            int n, float r) {
        for (int i = b; i < b + n; i++) {
            float sv = s.get(i);
            float xv = x.get(i);
            float tv = t.get(i);
            float q = BlackscholesModel.sqrtT(tv);
            String what = "s = " + sv + ", x = " + xv + ", t = " + tv;
            if (!(sv >= 0f && xv >= 0f && sv + xv > 0f && sv + xv < Float.POSITIVE_INFINITY)) {
                return new IllegalArgumentException(call.name() + ": option " + i + " (" + what
                        + ") cannot be priced on the NPU: s and x must be >= 0 and finite, not both 0");
            }
            if (!(q >= BlackscholesModel.SQRT_T.min() && q <= BlackscholesModel.SQRT_T.max())) {
                return new IllegalArgumentException(call.name() + ": option " + i + " (" + what + ") is outside what"
                        + " the NPU model was trained for: t must lie in [" + Options.T_MIN + ", " + Options.T_MAX + "]");
            }
        }
        return new IllegalArgumentException(call.name() + ": options " + b + " to " + (b + n - 1)
                + " gave the NPU model features outside " + range(BlackscholesModel.MONEYNESS) + " x "
                + range(BlackscholesModel.SQRT_T));
    }

    private static String range(ValueRange r) {
        return "[" + r.min() + ", " + r.max() + "]";
    }

    private static FloatArray array(VopCall call, int index, String name) {
        Object value = arg(call, index, name).value();
        if (!(value instanceof FloatArray a)) {
            throw new IllegalStateException(call.name() + ": argument " + index + " (" + name
                    + ") must be a FloatArray for " + BlackscholesNpu.class.getSimpleName() + ", got " + value);
        }
        return a;
    }

    private static float scalar(VopCall call, int index, String name) {
        Object value = arg(call, index, name).value();
        if (!(value instanceof Float f)) {
            throw new IllegalStateException(call.name() + ": argument " + index + " (" + name
                    + ") must be a float for " + BlackscholesNpu.class.getSimpleName() + ", got " + value);
        }
        return f;
    }

    private static VopCall.Arg arg(VopCall call, int index, String name) {
        if (call.args().size() != 7) {
            throw new IllegalStateException(call.name() + ": " + BlackscholesNpu.class.getSimpleName()
                    + " needs the 7 arguments of Blackscholes.price (s, x, t, r, v, call, put), got " + call.args().size());
        }
        VopCall.Arg a = call.args().get(index);
        if (!a.name().equals(name)) {
            throw new IllegalStateException(call.name() + ": argument " + index + " is '" + a.name() + "', but "
                    + BlackscholesNpu.class.getSimpleName() + " expects '" + name + "' there (s, x, t, r, v, call, put)");
        }
        return a;
    }
}
