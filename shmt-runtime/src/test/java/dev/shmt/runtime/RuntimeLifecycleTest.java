package dev.shmt.runtime;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.FloatArray;
import dev.shmt.api.Partition;
import dev.shmt.api.Region;
import dev.shmt.api.Report;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.device.CpuDevice;
import dev.shmt.runtime.testing.FaultDevice;
import dev.shmt.runtime.testing.Threads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue #8: building, using and closing runtimes. Close leaves no thread behind and waits for calls in
 * flight; an interrupted caller gets a CancellationException and the runtime stays usable. Where a test
 * must hold an HLOP running, its kernel waits on a latch the test opens: deterministic, no sleeps.
 */
class RuntimeLifecycleTest {
    /** Deadlock bound only. */
    private static final Duration DEADLINE = Duration.ofMinutes(1);
    /** For threads joined by close() to leave the JVM's thread list. */
    private static final Duration GRACE = Duration.ofSeconds(5);

    /** out[i] = 3 a[i] - 1 as an ELEMENTWISE call with one page per HLOP; {@code before} runs first in each HLOP. */
    private static VopCall affine(String name, FloatArray a, FloatArray out, Consumer<Region> before) {
        return VopCall.builder(name, Partition.ELEMENTWISE).length(a.length()).chunkHint(1024)
                .cpu(r -> {
                    before.accept(r);
                    FloatArray x = a.slice(r);
                    FloatArray y = out.slice(r);
                    for (int i = 0; i < x.length(); i++) {
                        y.set(i, 3 * x.get(i) - 1);
                    }
                    return null;
                })
                .build();
    }

    private static FloatArray ramp(int n, int from) {
        FloatArray a = FloatArray.create(n);
        for (int i = 0; i < n; i++) {
            a.set(i, from + i);
        }
        return a;
    }

    /** Null when {@code out} holds 3 (from + i) - 1 everywhere, else the first wrong element. */
    private static String affineMismatch(FloatArray out, int from) {
        for (int i = 0; i < out.length(); i++) {
            if (out.get(i) != 3f * (from + i) - 1) {
                return "element " + i + " is " + out.get(i) + ", want " + (3f * (from + i) - 1);
            }
        }
        return null;
    }

    private static void assertAffine(String what, FloatArray out, int from) {
        assertWithMessage("%s: first wrong element", what).that(affineMismatch(out, from)).isNull();
    }

    private static void await(CountDownLatch latch) {
        try {
            // Bounded so a broken test frees the worker thread it holds.
            if (!latch.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not opened within " + DEADLINE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aThousandClosedRuntimesLeaveNoThreadBehind() throws Exception {
        Set<Thread> before = new HashSet<>(Threads.live(t -> true));
        Set<String> prefixes = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 1000; i++) {
            // The threads that ran this runtime's HLOPs (workers) and combined them (aggregator).
            Set<Thread> used = ConcurrentHashMap.newKeySet();
            FloatArray a = ramp(2048, i);
            VopCall call = VopCall.builder("count", Partition.REDUCE).length(2048).chunkHint(1024)
                    .cpu(r -> {
                        used.add(Thread.currentThread());
                        float s = 0;
                        for (int k = r.start(); k < r.start() + r.length(); k++) {
                            s += a.get(k);
                        }
                        return s;
                    })
                    .combiner((Float x, Float y) -> {
                        used.add(Thread.currentThread());
                        return x + y;
                    })
                    .build();
            ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false)
                    .addDevice(new CpuDevice("cpu", 2)).addDevice(new CpuDevice("cpu-b", 1)).build();
            Report r = rt.execute(call);
            rt.close();
            // Sum of i .. i + 2047: integers below 2^24, exact in float.
            assertWithMessage("runtime %s: result", i).that(r.result()).isEqualTo(2048f * i + 2047f * 2048f / 2);
            for (Thread t : used) {
                // close() joins its threads, so none may still run when it returns.
                assertWithMessage("runtime %s: thread %s after close()", i, t.getName()).that(t.isAlive()).isFalse();
                assertWithMessage("runtime %s: %s is a runtime thread", i, t.getName())
                        .that(Threads.isRuntimeThread(t)).isTrue();
                prefixes.add(Threads.runtimePrefix(t));
            }
        }
        assertWithMessage("distinct thread-name prefixes, one per runtime").that(prefixes).hasSize(1000);

        List<String> ours = Threads.stillAlive(t -> prefixes.contains(Threads.runtimePrefix(t)), GRACE);
        // Any thread started during the loop: the live set must not have grown.
        List<String> left = Threads.stillAlive(t -> !before.contains(t), GRACE);
        assertWithMessage("threads of the closed runtimes still alive").that(ours).isEmpty();
        assertWithMessage("threads started during the loop and still alive").that(left).isEmpty();
    }

    @Test
    void closeWaitsForCallsInFlightThenRefusesNewOnes() throws Exception {
        // 4 workers for 3 callers: each caller's HLOP 0 holds a worker until the gate opens, the other
        // worker runs everything else, so all three calls are surely in flight when close() starts.
        ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false)
                .addDevice(new CpuDevice("cpu", 2)).addDevice(new CpuDevice("cpu-b", 2)).build();
        int callers = 3;
        int n = 8 * 1024;
        CountDownLatch inFlight = new CountDownLatch(callers);
        CountDownLatch gate = new CountDownLatch(1);
        List<FloatArray> outs = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> callerError = new AtomicReference<>();
        for (int c = 0; c < callers; c++) {
            int from = 100_000 * c;
            FloatArray out = FloatArray.create(n);
            outs.add(out);
            VopCall call = affine("held" + c, ramp(n, from), out, r -> {
                if (r.start() == 0) {
                    inFlight.countDown();
                    await(gate);
                }
            });
            Thread t = new Thread(() -> {
                try {
                    rt.execute(call);
                } catch (Throwable e) {
                    callerError.compareAndSet(null, e);
                }
            }, "caller-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        await(inFlight);

        // Checked on the closing thread the moment close() returns: every call it waited for is done.
        AtomicReference<String> atCloseReturn = new AtomicReference<>();
        Thread closer = new Thread(() -> {
            rt.close();
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < callers; c++) {
                String m = affineMismatch(outs.get(c), 100_000 * c);
                sb.append(m == null ? "" : "held" + c + ": " + m + "; ");
            }
            atCloseReturn.set(sb.toString());
        }, "caller-closer");
        closer.setDaemon(true);
        closer.start();
        for (long end = System.nanoTime() + DEADLINE.toNanos(); !rt.isClosed(); Thread.sleep(1)) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("close() did not mark the runtime closed");
            }
        }
        // Closing but not closed yet: the held calls cannot finish before the gate opens.
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> rt.execute(affine("late", ramp(1024, 0), FloatArray.create(1024), r -> {})));
        assertWithMessage("a call while closing").that(refused).hasMessageThat().contains("runtime is closed");
        assertWithMessage("close() returned while calls were held").that(closer.isAlive()).isTrue();
        assertWithMessage("closer finished").that(atCloseReturn.get()).isNull();

        gate.countDown();
        threads.add(closer);
        Threads.joinAll(threads, DEADLINE, "caller");
        assertWithMessage("error in a call that was in flight at close()").that(callerError.get()).isNull();
        assertWithMessage("outputs not complete when close() returned").that(atCloseReturn.get()).isEmpty();
        for (int c = 0; c < callers; c++) {
            assertAffine("held" + c, outs.get(c), 100_000 * c);
        }
        assertWithMessage("isClosed()").that(rt.isClosed()).isTrue();
        rt.close(); // a no-op: returns at once, throws nothing
        assertWithMessage("isClosed() after a second close()").that(rt.isClosed()).isTrue();
        IllegalStateException after = assertThrows(IllegalStateException.class,
                () -> rt.execute(affine("after", ramp(1024, 0), FloatArray.create(1024), r -> {})));
        assertWithMessage("a call after close()").that(after).hasMessageThat().contains("runtime is closed");
    }

    /**
     * A call whose HLOP 0 holds the only worker of a one-thread device until {@code release}; the other
     * nine HLOPs wait in its queue behind it.
     */
    private static VopCall held(FloatArray out, CountDownLatch started, CountDownLatch release, AtomicInteger ran) {
        return affine("held", ramp(10 * 1024, 0), out, r -> {
            ran.incrementAndGet();
            if (r.start() == 0) {
                started.countDown();
                await(release);
            }
        });
    }

    /** One worker thread, so HLOPs run strictly in queue order (the slowness itself is not relied on). */
    private static ShmtRuntime oneWorker() {
        return ShmtRuntime.builder().discoverDevices(false).addDevice(FaultDevice.slow("slow", 1_000_000)).build();
    }

    @Test
    void aCallerInterruptedBeforeItCallsGetsCancellationAndTheRuntimeStaysUsable() throws Exception {
        try (ShmtRuntime rt = oneWorker()) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger ran = new AtomicInteger();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                Thread.currentThread().interrupt();
                try {
                    rt.execute(held(FloatArray.create(10 * 1024), started, release, ran));
                } catch (Throwable t) {
                    thrown.set(t);
                }
                interruptedAfter.set(Thread.currentThread().isInterrupted());
            }, "caller-interrupted");
            caller.setDaemon(true);
            caller.start();
            // The caller takes the interrupt at its first wait without parking, then cancels. If the
            // worker had taken HLOP 0 first, the caller parks until that HLOP ends: only then let it end.
            for (long end = System.nanoTime() + DEADLINE.toNanos(); caller.isAlive(); Thread.sleep(1)) {
                if (started.getCount() == 0 && caller.getState() == Thread.State.WAITING) {
                    break;
                }
                if (System.nanoTime() - end > 0) {
                    throw new AssertionError("caller neither done nor waiting:\n" + Threads.dump("caller"));
                }
            }
            release.countDown();
            Threads.joinAll(List.of(caller), DEADLINE, "caller");
            // HLOP 0 ran only if the worker took it before the cancel; none of the nine behind it did.
            assertWithMessage("HLOPs of the cancelled call that ran").that(ran.get()).isAtMost(1);
            assertCancelledAndUsable(rt, thrown.get(), interruptedAfter.get(), ran);
        }
    }

    @Test
    void aCallerInterruptedWhileWaitingGetsCancellationOthersCompleteAndTheRuntimeStaysUsable() throws Exception {
        try (ShmtRuntime rt = oneWorker()) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger ran = new AtomicInteger();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    rt.execute(held(FloatArray.create(10 * 1024), started, release, ran));
                } catch (Throwable t) {
                    thrown.set(t);
                }
                interruptedAfter.set(Thread.currentThread().isInterrupted());
            }, "caller-interrupted");
            caller.setDaemon(true);
            caller.start();
            await(started);
            // A second caller whose HLOPs queue behind the held call's: cancelling one call must leave
            // the other's HLOPs in the shared queue.
            FloatArray otherOut = FloatArray.create(5 * 1024);
            AtomicReference<Throwable> otherError = new AtomicReference<>();
            Thread other = new Thread(() -> {
                try {
                    rt.execute(affine("other", ramp(5 * 1024, 7), otherOut, r -> {}));
                } catch (Throwable t) {
                    otherError.set(t);
                }
            }, "caller-other");
            other.setDaemon(true);
            other.start();
            // Parked in the wait for its HLOPs (they cannot run while HLOP 0 holds the worker).
            Threads.awaitState(caller, Thread.State.WAITING, DEADLINE);
            Threads.awaitState(other, Thread.State.WAITING, DEADLINE);
            caller.interrupt();
            // Let HLOP 0 end only once the caller took the interrupt (the flag is cleared as the wait
            // throws) and parked again waiting for HLOP 0: by then the HLOPs behind it are cancelled.
            for (long end = System.nanoTime() + DEADLINE.toNanos();
                    caller.isInterrupted() || caller.getState() != Thread.State.WAITING; Thread.sleep(1)) {
                if (System.nanoTime() - end > 0) {
                    throw new AssertionError("caller did not take the interrupt:\n" + Threads.dump("caller"));
                }
            }
            release.countDown();
            Threads.joinAll(List.of(caller, other), DEADLINE, "caller");
            assertWithMessage("HLOPs of the cancelled call that ran").that(ran.get()).isEqualTo(1);
            assertCancelledAndUsable(rt, thrown.get(), interruptedAfter.get(), ran);
            assertWithMessage("the other caller's error").that(otherError.get()).isNull();
            assertAffine("other", otherOut, 7);
        }
    }

    private static void assertCancelledAndUsable(ShmtRuntime rt, Throwable thrown, Boolean interruptedAfter,
                                                 AtomicInteger ran) {
        assertWithMessage("what the interrupted call threw").that(thrown).isInstanceOf(CancellationException.class);
        assertWithMessage("its message").that(thrown).hasMessageThat().contains("held interrupted");
        assertWithMessage("caller's interrupt status kept").that(interruptedAfter).isTrue();
        int ranBefore = ran.get();
        FloatArray out = FloatArray.create(3 * 1024);
        Report r = rt.execute(affine("after", ramp(3 * 1024, 5), out, x -> {}));
        assertAffine("call after the cancelled one", out, 5);
        assertWithMessage("HLOPs of the call after").that(r.hlops()).hasSize(3);
        // That call queued behind anything left of the cancelled one on the single worker: nothing was.
        assertWithMessage("HLOPs of the cancelled call that ran, later").that(ran.get()).isEqualTo(ranBefore);
    }

    /** What a VOP body or combiner does to its own runtime, on the runtime's own thread. */
    enum CallBack {
        /** close() on a worker thread, inside an HLOP. */
        CLOSE_IN_HLOP,
        /** close() on the aggregator thread, inside a REDUCE combiner. */
        CLOSE_IN_COMBINER,
        /** execute() on the aggregator thread, inside a REDUCE combiner. */
        EXECUTE_IN_COMBINER
    }

    /**
     * A body or combiner calling back into its own runtime may be refused or may fail its call, but
     * must not hang it: an execute() from inside an HLOP is already refused for that reason (WorkerLoop,
     * WORKER_OF). Whatever the outcome, the runtime must then still close, leaving no thread behind,
     * and after an execute() call-back still run calls.
     */
    @ParameterizedTest
    @EnumSource(CallBack.class)
    void callingBackIntoTheRuntimeFromItsOwnThreadsDoesNotHang(CallBack callBack) throws Exception {
        ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice("cpu", 1)).build();
        Set<String> prefix = ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicReference<RuntimeException> refused = new java.util.concurrent.atomic.AtomicReference<>();
        Runnable back = () -> {
            prefix.add(Threads.runtimePrefix(Thread.currentThread()));
            try {
                if (callBack == CallBack.EXECUTE_IN_COMBINER) {
                    rt.execute(affine("inner", ramp(10, 0), FloatArray.create(10), r -> {}));
                } else {
                    rt.close();
                }
            } catch (RuntimeException e) {
                refused.set(e);
                throw e;
            }
        };
        VopCall call = VopCall.builder("outer", Partition.REDUCE).length(2048).chunkHint(1024)
                .cpu(r -> {
                    if (callBack == CallBack.CLOSE_IN_HLOP && r.start() == 0) {
                        back.run();
                    }
                    return 1f;
                })
                .combiner((Float a, Float b) -> {
                    if (callBack != CallBack.CLOSE_IN_HLOP) {
                        back.run();
                    }
                    return a + b;
                })
                .build();
        // Returns or throws, either is fine here; a 2-HLOP call that is still running after 10 s hangs.
        Threads.runAll("caller", 1, i -> () -> {
            try {
                return rt.execute(call).result();
            } catch (RuntimeException e) {
                return e;
            }
        }, Duration.ofSeconds(10));

        // Refused on the spot, saying why, rather than waiting for itself.
        assertWithMessage("what the call-back threw").that(refused.get()).isInstanceOf(IllegalStateException.class);
        assertWithMessage("its message").that(refused.get()).hasMessageThat()
                .contains("from inside an HLOP or combiner of");
        assertWithMessage("the runtime was not closed by the call-back").that(rt.isClosed()).isFalse();
        if (callBack == CallBack.EXECUTE_IN_COMBINER) {
            FloatArray out = FloatArray.create(2048);
            Threads.runAll("caller", 1, i -> () -> rt.execute(affine("next", ramp(2048, 3), out, r -> {})),
                    Duration.ofSeconds(10));
            assertAffine("a call after the call-back", out, 3);
        }
        Threads.closing(rt, Duration.ofSeconds(10)).close();
        assertWithMessage("isClosed()").that(rt.isClosed()).isTrue();
        assertWithMessage("runtime threads seen").that(prefix).hasSize(1);
        List<String> left = Threads.stillAlive(t -> prefix.contains(Threads.runtimePrefix(t)), GRACE);
        assertWithMessage("threads of the closed runtime still alive").that(left).isEmpty();
    }
}
