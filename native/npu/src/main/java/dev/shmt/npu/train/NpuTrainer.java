package dev.shmt.npu.train;

import dev.shmt.npu.quant.ValueRange;
import java.nio.ByteBuffer;

/**
 * The NPU method for functions with no fixed-weight form: sample the exact function, fit a small
 * tanh MLP to it, calibrate and export it as an int8 {@code .tflite} model, and measure how far the
 * float network and the int8 model are from the function on held-out points. Results are cached on
 * disk by {@link ModelCache}, so a model is trained once per spec, not once per run.
 */
public final class NpuTrainer {
    /** Mixed into the seed for the held-out sample, so it never repeats the training points. */
    private static final long HOLDOUT_SEED_MIX = 0x9E3779B97F4A7C15L;

    private NpuTrainer() {}

    /** Trains, or loads from the default cache directory ({@link ModelCache#defaultDirectory()}). */
    public static TrainedModel train(TrainingSpec spec) {
        return train(spec, new ModelCache(ModelCache.defaultDirectory()));
    }

    /** Loads the model for {@code spec} from {@code cache}, or trains it and stores it there. */
    public static TrainedModel train(TrainingSpec spec, ModelCache cache) {
        java.util.Objects.requireNonNull(spec, "spec");
        java.util.Objects.requireNonNull(cache, "cache");
        return cache.load(spec).orElseGet(() -> cache.store(trainUncached(spec)));
    }

    /** Trains without any cache: every call samples, trains and measures again. */
    public static TrainedModel trainUncached(TrainingSpec spec) {
        java.util.Objects.requireNonNull(spec, "spec");
        ValueRange[] domain = spec.inputRanges().toArray(new ValueRange[0]);
        int f = spec.inputs();
        Samples train = Samples.uniform(spec.function(), domain, spec.samples(), spec.seed());
        Normalization norm = Normalization.of(domain, ValueRange.of(train.y()));
        float[] xn = new float[train.x().length];
        norm.normalizeInputs(train.x(), xn, train.count());
        float[] yn = normalizedTargets(norm, train);

        int[] hidden = spec.hiddenSizes();
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = f;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = 1;
        Mlp mlp = new MlpTrainer(sizes, spec.seed(), spec.steps(), spec.miniBatch(), spec.learningRate())
                .train(xn, yn, train.count());
        Calibration cal = Calibration.measure(mlp, xn, yn, train.count());
        String key = ModelCache.key(spec);
        String name = spec.functionId() + "@" + spec.functionVersion();
        ByteBuffer tflite = MlpModelWriter.write("SHMT NPU model for " + name + " (key " + key + ")", mlp, cal,
                spec.batchSize());
        byte[] bytes = new byte[tflite.remaining()];
        tflite.duplicate().get(bytes);

        Samples held = Samples.uniform(spec.function(), domain, spec.holdoutSamples(), spec.seed() ^ HOLDOUT_SEED_MIX);
        float[] hx = new float[held.x().length];
        norm.normalizeInputs(held.x(), hx, held.count());
        float[] floatPred = new float[held.count()];
        mlp.forward(hx, held.count(), floatPred);
        float[] int8Pred = Int8Evaluator.predict(name, ByteBuffer.wrap(bytes), spec.batchSize(), f, hx, held.count());
        for (int i = 0; i < held.count(); i++) {
            floatPred[i] = norm.denormalizeOutput(floatPred[i]);
            int8Pred[i] = norm.denormalizeOutput(int8Pred[i]);
        }
        return new TrainedModel(key, mlp, norm, cal, spec.batchSize(), bytes,
                ErrorStats.of(floatPred, held.y(), held.count()), ErrorStats.of(int8Pred, held.y(), held.count()),
                null, false);
    }

    private static float[] normalizedTargets(Normalization norm, Samples s) {
        float[] yn = new float[s.count()];
        for (int i = 0; i < yn.length; i++) {
            yn[i] = norm.normalizeOutput(s.y()[i]);
        }
        return yn;
    }
}
