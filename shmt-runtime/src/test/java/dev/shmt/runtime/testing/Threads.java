package dev.shmt.runtime.testing;

import dev.shmt.api.Shmt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Test-only: runs callers on their own threads with a deadline, and fails with a dump of the runtime's
 * threads when something hangs, so a deadlock shows where every thread waits instead of a bare timeout.
 */
public final class Threads {
    /** Runtime threads are named "shmt&lt;N&gt;-aggregator" and "shmt&lt;N&gt;-&lt;device&gt;-&lt;i&gt;" (ShmtRuntime, WorkerLoop). */
    private static final Pattern RUNTIME_THREAD = Pattern.compile("shmt\\d+-.*");

    private Threads() {}

    public static boolean isRuntimeThread(Thread t) {
        return RUNTIME_THREAD.matcher(t.getName()).matches();
    }

    /** The "shmt&lt;N&gt;-" prefix of a runtime thread's name; empty for any other thread. */
    public static String runtimePrefix(Thread t) {
        return isRuntimeThread(t) ? t.getName().substring(0, t.getName().indexOf('-') + 1) : "";
    }

    /** Live threads {@code filter} accepts. */
    public static List<Thread> live(Predicate<Thread> filter) {
        List<Thread> out = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && filter.test(t)) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Names of live threads {@code filter} accepts, polled for up to {@code grace} until there are
     * none: a thread that was just joined may take a moment to leave the JVM's thread list.
     */
    public static List<String> stillAlive(Predicate<Thread> filter, Duration grace) throws InterruptedException {
        long end = System.nanoTime() + grace.toNanos();
        while (true) {
            List<String> names = live(filter).stream().map(Thread::getName).toList();
            if (names.isEmpty() || System.nanoTime() - end > 0) {
                return names;
            }
            Thread.sleep(10);
        }
    }

    /** Name, state and stack of every live thread named "shmt*" or {@code alsoNamed}*. */
    public static String dump(String alsoNamed) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            if (!t.getName().startsWith("shmt") && !(alsoNamed != null && t.getName().startsWith(alsoNamed))) {
                continue;
            }
            sb.append('"').append(t.getName()).append("\" ").append(t.getState()).append('\n');
            for (StackTraceElement f : e.getValue()) {
                sb.append("    at ").append(f).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Runs {@code n} tasks, each on its own daemon thread named {@code name-i}, and returns their
     * results in order. Fails with a thread dump when they are not all done within {@code limit}; fails
     * with the first task's error (the others suppressed) when any task threw.
     */
    public static <T> List<T> runAll(String name, int n, IntFunction<Callable<T>> task, Duration limit)
            throws InterruptedException {
        List<FutureTask<T>> futures = new ArrayList<>(n);
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            FutureTask<T> f = new FutureTask<>(task.apply(i));
            Thread t = new Thread(f, name + "-" + i);
            t.setDaemon(true); // a caller stuck in a deadlock must not keep the test JVM alive
            futures.add(f);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        joinAll(threads, limit, name);
        List<T> results = new ArrayList<>(n);
        AssertionError failed = null;
        for (FutureTask<T> f : futures) {
            try {
                results.add(f.get());
            } catch (ExecutionException e) {
                if (failed == null) {
                    failed = new AssertionError(e.getCause().getMessage(), e.getCause());
                } else if (failed.getSuppressed().length < 5) {
                    failed.addSuppressed(e.getCause());
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
        return results;
    }

    /** Joins {@code threads} by one deadline; fails with a thread dump for the ones still alive. */
    public static void joinAll(List<Thread> threads, Duration limit, String namePrefix) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(t, left);
            }
            if (t.isAlive()) {
                throw new AssertionError(t.getName() + " still running after " + limit
                        + ": a deadlock? Threads:\n" + dump(namePrefix));
            }
        }
    }

    /** Polls until {@code t} is in {@code state}; fails with a thread dump after {@code limit}. */
    public static void awaitState(Thread t, Thread.State state, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (t.getState() != state) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(t.getName() + " not " + state + " after " + limit + " but " + t.getState()
                        + ". Threads:\n" + dump(t.getName()));
            }
            Thread.sleep(1);
        }
    }

    /** A resource whose close may wait; for try-with-resources in tests that throw InterruptedException. */
    public interface Closer extends AutoCloseable {
        @Override
        void close() throws InterruptedException;
    }

    /**
     * Closes {@code rt} on a helper thread and waits at most {@code limit}: when calls are stuck, close()
     * waits for them forever, and the test should fail with a dump rather than hang.
     */
    public static Closer closing(Shmt rt, Duration limit) {
        return () -> {
            Thread closer = new Thread(rt::close, "closer");
            closer.setDaemon(true);
            closer.start();
            joinAll(List.of(closer), limit, "closer");
        };
    }
}
