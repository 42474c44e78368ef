package dev.shmt.npu.train;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link NpuTrainer#train}: the float network, the normalization callers must apply
 * around the int8 model, the int8 {@code .tflite} for one static batch size, and the errors measured
 * on a held-out sample (float network and int8 model, both against the exact function, in its units).
 */
public final class TrainedModel {
    private final String key;
    private final Mlp mlp;
    private final Normalization normalization;
    private final Calibration calibration;
    private final int batchSize;
    private final byte[] tflite;
    private final ErrorStats floatError;
    private final ErrorStats int8Error;
    private final Path path;
    private final boolean fromCache;

    TrainedModel(String key, Mlp mlp, Normalization normalization, Calibration calibration, int batchSize,
            byte[] tflite, ErrorStats floatError, ErrorStats int8Error, Path path, boolean fromCache) {
        this.key = Objects.requireNonNull(key, "key");
        this.mlp = Objects.requireNonNull(mlp, "mlp");
        this.normalization = Objects.requireNonNull(normalization, "normalization");
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        this.batchSize = batchSize;
        this.tflite = Objects.requireNonNull(tflite, "tflite");
        this.floatError = Objects.requireNonNull(floatError, "floatError");
        this.int8Error = Objects.requireNonNull(int8Error, "int8Error");
        this.path = path;
        this.fromCache = fromCache;
    }

    TrainedModel withPath(Path path, boolean fromCache) {
        return new TrainedModel(key, mlp, normalization, calibration, batchSize, tflite, floatError, int8Error,
                path, fromCache);
    }

    /** The cache key (SHA-256, hex) of the spec this model was trained from. */
    public String key() {
        return key;
    }

    public Mlp mlp() {
        return mlp;
    }

    public Normalization normalization() {
        return normalization;
    }

    public Calibration calibration() {
        return calibration;
    }

    /** The static batch of the {@code .tflite} model: its input is {@code [batchSize, inputs]}. */
    public int batchSize() {
        return batchSize;
    }

    /** The int8 {@code .tflite} flatbuffer, read-only, position 0. */
    public ByteBuffer tflite() {
        return ByteBuffer.wrap(tflite).asReadOnlyBuffer();
    }

    byte[] tfliteBytes() {
        return tflite;
    }

    /** The float network's error on the held-out sample. */
    public ErrorStats floatError() {
        return floatError;
    }

    /** The int8 model's error on the held-out sample, run by TFLite with XNNPACK. */
    public ErrorStats int8Error() {
        return int8Error;
    }

    /** The cached {@code .tflite} file, when the model went through a {@link ModelCache}. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /** True when this model was loaded from the cache and nothing was trained. */
    public boolean fromCache() {
        return fromCache;
    }

    @Override
    public String toString() {
        return "TrainedModel[" + mlp + ", batch " + batchSize + ", float " + floatError + "; int8 " + int8Error
                + (fromCache ? ", cached" : "") + "]";
    }
}
