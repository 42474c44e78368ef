package dev.shmt.npu.train;

import static com.google.common.truth.Truth.assertThat;

import dev.shmt.npu.quant.ValueRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCacheTest {
    private static final ValueRange DOMAIN = new ValueRange(-2f, 2f);

    private static TrainingSpec.Builder small(TargetFunction f) {
        return TrainingSpec.builder("test.cache", "1", f, DOMAIN, DOMAIN)
                .steps(100).samples(256).holdoutSamples(32).batchSize(8);
    }

    @Test
    void sameKeyLoadsFromDiskWithoutTraining(@TempDir Path dir) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        TargetFunction counted = x -> {
            calls.incrementAndGet();
            return x[0] * x[1];
        };
        ModelCache cache = new ModelCache(dir);
        TrainedModel first = NpuTrainer.train(small(counted).build(), cache);
        assertThat(first.fromCache()).isFalse();
        assertThat(calls.get()).isEqualTo(256 + 32); // sampled: training and held-out points
        Path file = first.path().orElseThrow();
        assertThat(file.getParent()).isEqualTo(dir);
        assertThat(file.getFileName().toString()).isEqualTo(first.key() + ".tflite");
        assertThat(Files.readAllBytes(file)).isEqualTo(first.tfliteBytes());
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList()).isEmpty();
        }

        calls.set(0);
        TrainedModel second = NpuTrainer.train(small(counted).build(), cache);
        assertThat(calls.get()).isEqualTo(0); // neither sampled nor trained
        assertThat(second.fromCache()).isTrue();
        assertThat(second.path()).hasValue(file);
        assertThat(second.mlp()).isEqualTo(first.mlp());
        assertThat(second.normalization()).isEqualTo(first.normalization());
        assertThat(second.calibration()).isEqualTo(first.calibration());
        assertThat(second.floatError()).isEqualTo(first.floatError());
        assertThat(second.int8Error()).isEqualTo(first.int8Error());
        assertThat(second.tflite()).isEqualTo(first.tflite());
    }

    @Test
    void mismatchedSideFileIsAMissAndRetrained(@TempDir Path dir) throws Exception {
        ModelCache cache = new ModelCache(dir);
        TrainedModel first = NpuTrainer.train(small(x -> x[0] + x[1]).build(), cache);
        Path file = first.path().orElseThrow();
        byte[] tflite = Files.readAllBytes(file);
        tflite[tflite.length / 2] ^= 1; // a .tflite that is not the one the side file vouches for
        Files.write(file, tflite);
        assertThat(cache.load(small(x -> x[0] + x[1]).build())).isEmpty();
        TrainedModel again = NpuTrainer.train(small(x -> x[0] + x[1]).build(), cache);
        assertThat(again.fromCache()).isFalse();
        assertThat(Files.readAllBytes(file)).isEqualTo(first.tfliteBytes()); // deterministic retraining
    }

    @Test
    void everyDeterminingInputChangesTheKey() {
        TargetFunction f = x -> x[0];
        String base = ModelCache.key(small(f).build());
        assertThat(ModelCache.key(small(x -> -x[0]).build())).isEqualTo(base); // code is named, not hashed
        assertThat(base).matches("[0-9a-f]{64}");
        TrainingSpec.Builder[] changed = {
            small(f).seed(2),
            small(f).samples(257),
            small(f).holdoutSamples(33),
            small(f).steps(101),
            small(f).miniBatch(64),
            small(f).learningRate(0.05f),
            small(f).batchSize(16),
            small(f).hiddenSizes(32, 16),
            small(f).hiddenSizes(16, 32),
            TrainingSpec.builder("test.cache", "2", f, DOMAIN, DOMAIN).steps(100).samples(256).holdoutSamples(32)
                    .batchSize(8),
            TrainingSpec.builder("test.cache2", "1", f, DOMAIN, DOMAIN).steps(100).samples(256).holdoutSamples(32)
                    .batchSize(8),
            TrainingSpec.builder("test.cache", "1", f, DOMAIN, new ValueRange(-2f, 2.5f)).steps(100).samples(256)
                    .holdoutSamples(32).batchSize(8),
            TrainingSpec.builder("test.cache", "1", f, DOMAIN).steps(100).samples(256).holdoutSamples(32)
                    .batchSize(8),
        };
        java.util.Set<String> keys = new java.util.HashSet<>();
        keys.add(base);
        for (TrainingSpec.Builder b : changed) {
            assertThat(keys.add(ModelCache.key(b.build()))).isTrue();
        }
    }

    @Test
    void defaultDirectoryIsUnderUserHomeWithoutOverrides() {
        // Only checks the fallback when neither the property nor the variable is set; sets neither.
        if (System.getProperty(ModelCache.PROPERTY_DIR) == null && System.getenv(ModelCache.ENV_DIR) == null) {
            assertThat(ModelCache.defaultDirectory())
                    .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "shmt", "models"));
        }
    }
}
