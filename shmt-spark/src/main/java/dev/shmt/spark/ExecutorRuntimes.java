package dev.shmt.spark;

import dev.shmt.api.Shmt;
import dev.shmt.runtime.spi.DeviceGrants;
import java.util.HashMap;
import java.util.Map;

/**
 * The SHMT runtimes of this JVM (an executor, or the driver in local mode): one per distinct settings,
 * built by the first task that needs it, shared by every later task, closed when the JVM exits. Devices
 * are opened once per JVM because a device's setup (a CUDA context, an NPU's interpreters) costs far more
 * than a task, and two runtimes would fight over the same cores and GPU.
 */
final class ExecutorRuntimes {
    private static final Map<Object, Shmt> RUNTIMES = new HashMap<>();
    private static int built;
    private static boolean hooked;

    private ExecutorRuntimes() {}

    /** The runtime for {@code settings}, built with {@code grants} if this JVM has none yet. */
    static synchronized Shmt get(ShmtSettings settings, DeviceGrants grants) {
        Shmt rt = RUNTIMES.get(settings.runtimeKey());
        if (rt == null || rt.isClosed()) {
            rt = settings.build(grants);
            RUNTIMES.put(settings.runtimeKey(), rt);
            built++;
            if (!hooked) {
                hooked = true;
                Runtime.getRuntime().addShutdownHook(new Thread(ExecutorRuntimes::closeAll, "shmt-spark-close"));
            }
        }
        return rt;
    }

    /** Runtimes this JVM has built so far. */
    static synchronized int built() {
        return built;
    }

    /** Closes every runtime of this JVM; the next task builds a fresh one. */
    static synchronized void closeAll() {
        for (Shmt rt : RUNTIMES.values()) {
            rt.close();
        }
        RUNTIMES.clear();
    }
}
