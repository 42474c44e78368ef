package dev.shmt.npu;

import dev.shmt.api.npu.NpuContext;
import dev.shmt.api.npu.NpuInterpreter;
import dev.shmt.npu.tflite.LiteInterpreter;
import dev.shmt.npu.tflite.LiteModel;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The NPU device's caches: one {@link LiteModel} per key (a model with one tile shape), built the first
 * time any worker asks, and one {@link LiteInterpreter} per (model, worker thread), created on that
 * thread's first HLOP for the model. Nothing here is rebuilt per tile.
 */
final class NpuModels implements NpuContext, AutoCloseable {
    private final NpuBackend backend;
    private final int tfliteThreads;
    private final ConcurrentHashMap<String, LiteModel> models = new ConcurrentHashMap<>();
    private final List<Map<String, LiteInterpreter>> perThread = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Map<String, LiteInterpreter>> mine = ThreadLocal.withInitial(() -> {
        Map<String, LiteInterpreter> m = new HashMap<>();
        perThread.add(m);
        return m;
    });

    NpuModels(NpuBackend backend, int tfliteThreads) {
        this.backend = backend;
        this.tfliteThreads = tfliteThreads;
    }

    @Override
    public NpuInterpreter interpreter(String key, Supplier<ByteBuffer> model) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(model, "model");
        Map<String, LiteInterpreter> own = mine.get();
        LiteInterpreter it = own.get(key);
        if (it == null) {
            LiteModel m = models.computeIfAbsent(key, k -> new LiteModel(k, Objects.requireNonNull(model.get(),
                    () -> "the model supplier for '" + k + "' returned null")));
            it = new LiteInterpreter(m, backend.delegates(), tfliteThreads);
            synchronized (own) { // close() may read it from another thread
                own.put(key, it);
            }
        }
        return it;
    }

    /** Models built so far: one per distinct key. */
    int modelCount() {
        return models.size();
    }

    /** Interpreters created so far, over all threads. */
    int interpreterCount() {
        int n = 0;
        for (Map<String, LiteInterpreter> m : perThread) {
            synchronized (m) {
                n += m.size();
            }
        }
        return n;
    }

    @Override
    public void close() {
        // Interpreters first: TFLite needs their models and delegates alive until they are gone.
        for (Map<String, LiteInterpreter> m : perThread) {
            synchronized (m) {
                m.values().forEach(LiteInterpreter::close);
                m.clear();
            }
        }
        models.values().forEach(LiteModel::close);
        models.clear();
    }
}
