package dev.shmt.npu.train;

import dev.shmt.npu.quant.ValueRange;
import java.util.List;
import java.util.Objects;

/**
 * Everything that determines a trained NPU model: the function (named by a caller-given id and
 * version, since code cannot be hashed), the input domain, the network's shape and the training
 * settings. Every field except the function object goes into the cache key, so two specs with equal
 * fields must describe the same function. Arguments are checked here, each error naming its argument.
 */
public final class TrainingSpec {
    private final String functionId;
    private final String functionVersion;
    private final TargetFunction function;
    private final ValueRange[] inputRanges;
    private final int[] hiddenSizes;
    private final long seed;
    private final int samples;
    private final int holdoutSamples;
    private final int steps;
    private final int miniBatch;
    private final float learningRate;
    private final int batchSize;

    private TrainingSpec(Builder b) {
        functionId = requireText(b.functionId, "functionId");
        functionVersion = requireText(b.functionVersion, "functionVersion");
        function = Objects.requireNonNull(b.function, "function");
        if (b.inputRanges == null || b.inputRanges.length == 0) {
            throw new IllegalArgumentException("inputRanges must name at least one input's range");
        }
        inputRanges = b.inputRanges.clone();
        for (int i = 0; i < inputRanges.length; i++) {
            ValueRange r = Objects.requireNonNull(inputRanges[i], "inputRanges[" + i + "]");
            if (!(r.max() > r.min())) {
                throw new IllegalArgumentException("inputRanges[" + i + "] is empty ([" + r.min() + ", " + r.max()
                        + "]): an input's domain must have min < max");
            }
        }
        if (b.hiddenSizes == null || b.hiddenSizes.length == 0) {
            throw new IllegalArgumentException("hiddenSizes must give at least one hidden layer");
        }
        hiddenSizes = b.hiddenSizes.clone();
        for (int i = 0; i < hiddenSizes.length; i++) {
            if (hiddenSizes[i] < 1) {
                throw new IllegalArgumentException("hiddenSizes[" + i + "] must be >= 1, got " + hiddenSizes[i]);
            }
        }
        seed = b.seed;
        samples = positive(b.samples, "samples");
        holdoutSamples = positive(b.holdoutSamples, "holdoutSamples");
        steps = positive(b.steps, "steps");
        miniBatch = positive(b.miniBatch, "miniBatch");
        if (!(b.learningRate > 0) || !Float.isFinite(b.learningRate)) {
            throw new IllegalArgumentException("learningRate must be a positive finite number, got " + b.learningRate);
        }
        learningRate = b.learningRate;
        batchSize = positive(b.batchSize, "batchSize");
    }

    private static String requireText(String s, String name) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(name + " must be a non-blank string, got " + (s == null ? "null" : "'" + s + "'"));
        }
        return s;
    }

    private static int positive(int v, String name) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        }
        return v;
    }

    /**
     * Starts a spec for {@code function}, identified in the cache by {@code functionId} and
     * {@code functionVersion} (bump the version whenever the function's code changes), with one
     * range per input: the domain sampled for training and the one the model is valid on.
     */
    public static Builder builder(String functionId, String functionVersion, TargetFunction function,
            ValueRange... inputRanges) {
        return new Builder(functionId, functionVersion, function, inputRanges);
    }

    public Builder toBuilder() {
        return new Builder(functionId, functionVersion, function, inputRanges)
                .hiddenSizes(hiddenSizes)
                .seed(seed)
                .samples(samples)
                .holdoutSamples(holdoutSamples)
                .steps(steps)
                .miniBatch(miniBatch)
                .learningRate(learningRate)
                .batchSize(batchSize);
    }

    public String functionId() {
        return functionId;
    }

    public String functionVersion() {
        return functionVersion;
    }

    public TargetFunction function() {
        return function;
    }

    public int inputs() {
        return inputRanges.length;
    }

    public List<ValueRange> inputRanges() {
        return List.of(inputRanges);
    }

    public ValueRange inputRange(int i) {
        return inputRanges[i];
    }

    public int[] hiddenSizes() {
        return hiddenSizes.clone();
    }

    public long seed() {
        return seed;
    }

    /** Training points sampled uniformly in the domain. */
    public int samples() {
        return samples;
    }

    /** Further points, drawn independently, on which the float and int8 errors are measured. */
    public int holdoutSamples() {
        return holdoutSamples;
    }

    /** Adam steps, each on one mini-batch. */
    public int steps() {
        return steps;
    }

    public int miniBatch() {
        return miniBatch;
    }

    /** Adam's initial step size; a cosine schedule takes it down to 1% by the last step. */
    public float learningRate() {
        return learningRate;
    }

    /** The exported model's static batch: its input is {@code [batchSize, inputs]}. */
    public int batchSize() {
        return batchSize;
    }

    /** Fills in defaults for what the caller does not set: 2 hidden layers of 32, 4096 samples etc. */
    public static final class Builder {
        private final String functionId;
        private final String functionVersion;
        private final TargetFunction function;
        private final ValueRange[] inputRanges;
        private int[] hiddenSizes = {32, 32};
        private long seed = 1;
        private int samples = 4096;
        private int holdoutSamples = 1024;
        private int steps = 4000;
        private int miniBatch = 128;
        private float learningRate = 0.1f;
        private int batchSize = 256;

        private Builder(String functionId, String functionVersion, TargetFunction function, ValueRange[] inputRanges) {
            this.functionId = functionId;
            this.functionVersion = functionVersion;
            this.function = function;
            this.inputRanges = inputRanges == null ? null : inputRanges.clone();
        }

        public Builder hiddenSizes(int... sizes) {
            hiddenSizes = sizes == null ? null : sizes.clone();
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder samples(int samples) {
            this.samples = samples;
            return this;
        }

        public Builder holdoutSamples(int holdoutSamples) {
            this.holdoutSamples = holdoutSamples;
            return this;
        }

        public Builder steps(int steps) {
            this.steps = steps;
            return this;
        }

        public Builder miniBatch(int miniBatch) {
            this.miniBatch = miniBatch;
            return this;
        }

        public Builder learningRate(float learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** The checked spec; throws {@link IllegalArgumentException} naming the first bad argument. */
        public TrainingSpec build() {
            return new TrainingSpec(this);
        }
    }
}
