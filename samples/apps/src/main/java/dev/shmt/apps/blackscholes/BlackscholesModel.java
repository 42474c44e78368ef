package dev.shmt.apps.blackscholes;

import dev.shmt.npu.quant.ValueRange;
import dev.shmt.npu.train.NpuTrainer;
import dev.shmt.npu.train.TrainedModel;
import dev.shmt.npu.train.TrainingSpec;

/**
 * The int8 network {@link BlackscholesNpu} runs, for the benchmark's rate {@link Blackscholes#R} and
 * volatility {@link Blackscholes#V} only. It learns g, the price of the out-of-the-money option of the
 * pair per unit of its underlying, from two features the host computes cheaply:
 *
 * <ul>
 *   <li>{@code |w|}, with {@code w = (S - X e^(-rT)) / (S + X e^(-rT)) = tanh(k / 2)} and
 *       {@code k = ln(S e^(rT) / X)} the log forward moneyness. With r and v fixed, call / S depends
 *       on k and T alone, and by the symmetry of Black-Scholes in k the out-of-the-money price is the
 *       same function of |k| and T for both sides: call = S g when k <= 0, put = X e^(-rT) g when
 *       k > 0. So the model needs only half the moneyness domain (twice the int8 input resolution),
 *       and g lies in [0, 0.37) where call / S would need [0, 1) (a finer output step). tanh(|k| / 2)
 *       needs no logarithm, maps every moneyness into [0, 1) (only T can leave the domain) and gives
 *       near-the-money options, where g bends most, more input steps than the far tails.
 *   <li>{@code sqrt(T)}: short expiries, where prices change fastest, get more input steps than T
 *       would give them.
 * </ul>
 *
 * <p>Chosen by measurement on 131072 benchmark options (error_rate over calls and puts, the int8
 * model run by TFLite, networks of 16 to 32 units in 2 or 3 hidden layers): call / S from
 * (ln(S / X), sqrt(T)) 0.0021 to 0.0027; g from (|k|, sqrt(T)) 0.0009 to 0.0016, from
 * (sqrt(|k|), sqrt(T)) 0.0007 to 0.0009; from (|w|, sqrt(T)) 0.00066 with 16-16-16 hidden units (the
 * spec below), 0.0009 with 16-16 or 32-32. Its int8 model takes about 30 ns per option through TFLite
 * on one core.
 *
 * <p>Trained once per spec by {@link NpuTrainer} (cached on disk) and loaded once per JVM by
 * {@link #get()}, which is thread-safe.
 */
public final class BlackscholesModel {
    /** Bump whenever {@link #outOfTheMoney} or the features change, so no cached model of the old ones is used. */
    static final String VERSION = "3";

    /** The first feature, |w| = tanh(|k| / 2): every option with S, X >= 0 and S + X > 0 has it in [0, 1]. */
    public static final ValueRange MONEYNESS = new ValueRange(0f, 1f);

    /** The second feature, sqrt(T), over the benchmark's range of T: the one feature options can leave. */
    public static final ValueRange SQRT_T = new ValueRange(sqrtT(Options.T_MIN), sqrtT(Options.T_MAX));

    /** |k| above this is as far out of the money as infinity: g is below 1e-300 (and the target stays finite at |w| = 1). */
    private static final double MAX_ABS_K = 50;

    /** Everything that determines the model; its fields make the cache key. */
    public static final TrainingSpec SPEC = TrainingSpec.builder("dev.shmt.apps.blackscholes.outOfTheMoney",
                    VERSION + " r=" + Blackscholes.R + " v=" + Blackscholes.V, BlackscholesModel::outOfTheMoney,
                    MONEYNESS, SQRT_T)
            .hiddenSizes(16, 16, 16)
            .samples(16_384)
            .holdoutSamples(4096)
            .steps(12_000)
            .miniBatch(128)
            .learningRate(0.05f)
            .batchSize(BlackscholesNpu.BATCH)
            .seed(1)
            .build();

    private static volatile TrainedModel model;
    /** Why training or loading failed, kept so later callers fail at once instead of training again. */
    private static volatile RuntimeException failure;

    private BlackscholesModel() {}

    /**
     * The trained model: trained (or read from the cache) by the first caller, shared by all later ones.
     * If that fails (no TFLite to measure the int8 model with, say), this and every later call throw an
     * {@link IllegalStateException} with the cause, without trying again.
     */
    public static TrainedModel get() {
        TrainedModel m = model;
        if (m == null) {
            synchronized (BlackscholesModel.class) {
                m = model;
                if (m == null) {
                    if (failure == null) {
                        try {
                            model = m = NpuTrainer.train(SPEC);
                            return m;
                        } catch (RuntimeException | LinkageError e) {
                            failure = new IllegalStateException("the Blackscholes NPU model could not be trained"
                                    + " or loaded: " + e, e);
                        }
                    }
                    throw new IllegalStateException(failure.getMessage(), failure.getCause());
                }
            }
        }
        return m;
    }

    static float sqrtT(float t) {
        return (float) Math.sqrt(t);
    }

    /**
     * The target, in double from the features {@code f = (|w|, sqrt(T))}: with a = |k| =
     * ln((1 + |w|) / (1 - |w|)), g = N(d1) - e^a N(d2), d1 = (-a + v^2 T / 2) / (v sqrt(T)),
     * d2 = d1 - v sqrt(T), N the Abramowitz-Stegun CND: call / S at k = -a, and equally
     * put / (X e^(-rT)) at k = a.
     */
    static float outOfTheMoney(float[] f) {
        double w = f[0];
        double a = Math.min(MAX_ABS_K, Math.log((1 + w) / (1 - w)));
        double sqrtT = f[1];
        double v = Blackscholes.V;
        double d1 = (-a + 0.5 * v * v * sqrtT * sqrtT) / (v * sqrtT);
        double d2 = d1 - v * sqrtT;
        return (float) (BlackscholesReference.cnd(d1) - Math.exp(a) * BlackscholesReference.cnd(d2));
    }
}
