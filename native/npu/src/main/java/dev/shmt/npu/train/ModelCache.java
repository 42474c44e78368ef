package dev.shmt.npu.train;

import dev.shmt.npu.quant.ValueRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Trained NPU models on disk, so each is trained once per spec rather than once per run. A model is
 * two files named by its key, the SHA-256 of everything that determines it (see {@link #key}):
 * {@code <key>.tflite} and {@code <key>.mlp} (the float network, normalization and errors). Each is
 * written to a temporary file and moved into place, so readers never see a partial file; a side
 * file that does not match its {@code .tflite} (a torn pair, an old format) counts as a miss and is
 * overwritten by the next training.
 */
public final class ModelCache {
    /** Bump when training, export or the file format change, so old cached models are not reused. */
    public static final int FORMAT_VERSION = 1;

    /** System property naming the cache directory; it wins over {@link #ENV_DIR}. */
    public static final String PROPERTY_DIR = "shmt.model.cache";

    /** Environment variable naming the cache directory. */
    public static final String ENV_DIR = "SHMT_MODEL_CACHE";

    private static final System.Logger LOG = System.getLogger(ModelCache.class.getName());

    private final Path directory;

    /** A cache in {@code directory}, created when the first model is stored. */
    public ModelCache(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /**
     * System property {@value #PROPERTY_DIR}, else environment variable {@value #ENV_DIR}, else
     * {@code ${user.home}/.cache/shmt/models}.
     */
    public static Path defaultDirectory() {
        String dir = System.getProperty(PROPERTY_DIR);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(ENV_DIR);
        }
        if (dir == null || dir.isBlank()) {
            return Path.of(System.getProperty("user.home"), ".cache", "shmt", "models");
        }
        return Path.of(dir);
    }

    public Path directory() {
        return directory;
    }

    /**
     * SHA-256 (lower-case hex) of the function id and version, input ranges, layer sizes, seed, sample
     * counts, training settings, batch size and {@link #FORMAT_VERSION}. Floats enter by their bits.
     */
    public static String key(TrainingSpec spec) {
        StringBuilder s = new StringBuilder();
        s.append("shmt-npu-mlp format=").append(FORMAT_VERSION);
        s.append("\nfunction=").append(spec.functionId().length()).append(':').append(spec.functionId());
        s.append("\nversion=").append(spec.functionVersion().length()).append(':').append(spec.functionVersion());
        for (ValueRange r : spec.inputRanges()) {
            s.append("\nrange=").append(Integer.toHexString(Float.floatToIntBits(r.min())))
                    .append(',').append(Integer.toHexString(Float.floatToIntBits(r.max())));
        }
        s.append("\nhidden=");
        for (int h : spec.hiddenSizes()) {
            s.append(h).append(',');
        }
        s.append("\nseed=").append(spec.seed());
        s.append("\nsamples=").append(spec.samples());
        s.append("\nholdout=").append(spec.holdoutSamples());
        s.append("\nsteps=").append(spec.steps());
        s.append("\nminiBatch=").append(spec.miniBatch());
        s.append("\nlearningRate=").append(Integer.toHexString(Float.floatToIntBits(spec.learningRate())));
        s.append("\nbatch=").append(spec.batchSize());
        return HexFormat.of().formatHex(TrainedModelFile.sha256(s.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Where the {@code .tflite} for {@code key} is (or would be) stored. */
    public Path modelPath(String key) {
        return directory.resolve(key + ".tflite");
    }

    private Path sidePath(String key) {
        return directory.resolve(key + ".mlp");
    }

    /** The cached model for {@code spec}, without training; empty when there is none usable. */
    public Optional<TrainedModel> load(TrainingSpec spec) {
        String key = key(spec);
        Path model = modelPath(key);
        byte[] tflite;
        byte[] side;
        try {
            tflite = Files.readAllBytes(model);
            side = Files.readAllBytes(sidePath(key));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cached NPU model " + model, e);
        }
        try {
            return Optional.of(TrainedModelFile.decode(side, tflite, key).withPath(model, true));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring cached NPU model " + model + ": " + e.getMessage()
                    + "; it will be trained again");
            return Optional.empty();
        }
    }

    /** Writes {@code m} under its key (atomically, file by file) and returns it with its path. */
    public TrainedModel store(TrainedModel m) {
        Path model = modelPath(m.key());
        try {
            Files.createDirectories(directory);
            AtomicFiles.write(model, m.tfliteBytes());
            AtomicFiles.write(sidePath(m.key()), TrainedModelFile.encode(m)); // last: it vouches for the .tflite
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write NPU model to cache directory " + directory, e);
        }
        return m.withPath(model, false);
    }
}
