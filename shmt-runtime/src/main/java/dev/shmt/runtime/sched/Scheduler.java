package dev.shmt.runtime.sched;

import dev.shmt.api.DeviceInfo;
import dev.shmt.api.Region;
import dev.shmt.api.Report;
import dev.shmt.api.ShmtExecutionException;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.device.Device;
import dev.shmt.runtime.policy.Policy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Moves HLOPs through the device queues: pushes a call's plan into incoming queues, runs each device's
 * workers (own queue first, then stealing as the policy allows), re-routes HLOPs whose device failed,
 * and hands finished ones to the aggregator. One lock guards every incoming queue: decisions such as
 * "steal from the fullest queue" need a consistent view of all of them.
 */
public final class Scheduler {
    /** The scheduler whose worker the current thread is, to refuse calls that would wait on themselves. */
    private static final ThreadLocal<Scheduler> WORKER_OF = new ThreadLocal<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workAvailable = lock.newCondition();
    private final List<DeviceQueue> queues;
    private final Policy policy;
    private final Aggregator aggregator;
    private final List<Thread> workers = new ArrayList<>();
    private boolean stopping;

    /** Starts the workers of every (available) device and the aggregator. */
    public Scheduler(List<Device> devices, Policy policy, String threadPrefix) {
        List<DeviceQueue> qs = new ArrayList<>();
        for (Device d : devices) {
            qs.add(new DeviceQueue(d));
        }
        this.queues = Collections.unmodifiableList(qs);
        this.policy = policy;
        this.aggregator = new Aggregator(queues, threadPrefix + "aggregator");
        aggregator.start();
        for (DeviceQueue q : queues) {
            for (int i = 0; i < q.device().threads(); i++) {
                int worker = i;
                Thread t = new Thread(() -> work(q, worker), threadPrefix + q.device().name() + "-" + i);
                t.setDaemon(true);
                workers.add(t);
                t.start();
            }
        }
    }

    public List<DeviceQueue> queues() {
        return queues;
    }

    /**
     * Runs {@code regions} of {@code call} on {@code eligible} and waits for the last one. Interrupting
     * the caller cancels the HLOPs not yet started and waits for the running ones, so no output is
     * written after this returns.
     */
    public Report execute(VopCall call, List<Region> regions, List<DeviceQueue> eligible, List<DeviceInfo> notUsed) {
        if (WORKER_OF.get() == this) {
            // The worker would block waiting for HLOPs that may be queued behind it: a deadlock.
            throw new IllegalStateException(call.name() + " was called from inside an HLOP of the same runtime;"
                    + " run nested VOPs on another runtime or call the method directly");
        }
        CallTracker tracker = new CallTracker(call, eligible, notUsed, policy.name(), System.nanoTime());
        Plan plan = policy.plan(call, regions, eligible, this::trial);
        int[] queueOf = plan.queueOf();
        if (queueOf.length != regions.size()) {
            throw new IllegalStateException("policy " + policy.name() + " planned " + queueOf.length
                    + " HLOPs for " + regions.size() + " regions");
        }
        tracker.samplingNanos = plan.samplingNanos();
        tracker.nonFiniteSamples = plan.nonFiniteSamples();
        Hlop[] hlops = new Hlop[regions.size()];
        for (int i = 0; i < hlops.length; i++) {
            Hlop h = new Hlop(tracker, i, regions.get(i));
            if (plan.criticality() != null) {
                h.criticality = plan.criticality()[i];
            }
            if (plan.critical() != null && plan.critical()[i]) {
                h.critical = true;
                h.floor = eligible.get(queueOf[i]).device().precision();
            }
            hlops[i] = h;
        }
        tracker.setHlops(hlops);
        enqueue(hlops, queueOf, eligible);
        return await(tracker);
    }

    private void enqueue(Hlop[] hlops, int[] queueOf, List<DeviceQueue> eligible) {
        lock.lock();
        try {
            long now = System.nanoTime();
            for (int i = 0; i < hlops.length; i++) {
                hlops[i].enqueuedAt = now;
                eligible.get(queueOf[i]).incoming.addLast(hlops[i]);
            }
            workAvailable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@link Trials} for policies: every region on {@code device} alone. Its tracker lists only that
     * device as eligible, so no other device steals or re-runs these HLOPs.
     */
    private Object[] trial(DeviceQueue device, VopCall call, List<Region> regions) {
        if (!queues.contains(device)) {
            throw new IllegalArgumentException("device " + device + " is not one of this runtime's");
        }
        CallTracker tracker = new CallTracker(call, List.of(device), List.of(), policy.name() + " trial",
                System.nanoTime());
        Hlop[] hlops = new Hlop[regions.size()];
        for (int i = 0; i < hlops.length; i++) {
            hlops[i] = new Hlop(tracker, i, regions.get(i));
        }
        tracker.setHlops(hlops);
        enqueue(hlops, new int[hlops.length], List.of(device));
        await(tracker);
        Object[] partials = new Object[hlops.length];
        for (int i = 0; i < hlops.length; i++) {
            partials[i] = hlops[i].partial;
        }
        return partials;
    }

    private Report await(CallTracker tracker) {
        try {
            return tracker.done.get();
        } catch (InterruptedException e) {
            cancel(tracker);
            awaitUninterruptibly(tracker);
            Thread.currentThread().interrupt();
            throw new CancellationException(tracker.call.name()
                    + " interrupted: HLOPs not yet started were cancelled, so part of the output is not written");
        } catch (ExecutionException e) {
            throw rethrow(tracker, e.getCause());
        }
    }

    private static void awaitUninterruptibly(CallTracker tracker) {
        boolean interrupted = false;
        while (true) {
            try {
                tracker.done.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | CancellationException e) {
                // Cancelled calls complete with CancellationException, which get() throws unwrapped.
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static RuntimeException rethrow(CallTracker tracker, Throwable cause) {
        // New exceptions so the trace shows the caller, not the aggregator thread.
        if (cause instanceof ShmtExecutionException) {
            return new ShmtExecutionException(cause.getMessage(), cause.getCause());
        }
        if (cause instanceof CancellationException) {
            return new CancellationException(cause.getMessage());
        }
        return new ShmtExecutionException(tracker.call.name() + ": combining results failed: " + cause, cause);
    }

    private void cancel(CallTracker tracker) {
        lock.lock();
        try {
            tracker.cancelled = true;
            for (DeviceQueue q : queues) {
                for (Iterator<Hlop> it = q.incoming.iterator(); it.hasNext(); ) {
                    Hlop h = it.next();
                    if (h.tracker == tracker) {
                        it.remove();
                        h.cancelled = true;
                        h.ranOn = q;
                        q.completion.offer(h);
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        aggregator.wake();
    }

    private void work(DeviceQueue q, int worker) {
        WORKER_OF.set(this);
        while (true) {
            Hlop h = take(q);
            if (h == null) {
                return;
            }
            h.startedAt = System.nanoTime();
            Throwable error = null;
            try {
                h.partial = q.device().run(h);
            } catch (Throwable t) {
                // Even an Error must reach the call, or its caller would wait forever.
                error = t;
            }
            h.endedAt = System.nanoTime();
            h.ranOn = q;
            h.worker = worker;
            if (error == null || !reroute(q, h, error)) {
                h.error = error;
                q.completion.offer(h);
                aggregator.wake();
            }
        }
    }

    /** The next HLOP for {@code q}: its own, else one the policy lets it steal; null once stopping. */
    private Hlop take(DeviceQueue q) {
        lock.lock();
        try {
            while (true) {
                Hlop h = q.incoming.pollFirst();
                if (h == null) {
                    h = policy.steal(q, queues);
                }
                if (h != null) {
                    return h;
                }
                if (stopping) {
                    return null;
                }
                workAvailable.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sends a failed HLOP to the least loaded other device that can run it; false when none is left. */
    private boolean reroute(DeviceQueue failed, Hlop h, Throwable error) {
        h.fail(failed, error);
        lock.lock();
        try {
            if (h.tracker.cancelled) {
                h.cancelled = true; // its call is over: completing it ends the wait, running it would not
                return false;
            }
            DeviceQueue next = null;
            for (DeviceQueue c : h.tracker.eligible) {
                if (h.runnableOn(c) && (next == null || c.pending() < next.pending())) {
                    next = c;
                }
            }
            if (next == null) {
                return false;
            }
            h.stolenFrom = null;
            h.enqueuedAt = System.nanoTime();
            next.incoming.addFirst(h);
            workAvailable.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Stops every worker and the aggregator. Call only when no call is in flight. */
    public void shutdown() throws InterruptedException {
        lock.lock();
        try {
            stopping = true;
            workAvailable.signalAll();
        } finally {
            lock.unlock();
        }
        for (Thread t : workers) {
            t.join();
        }
        aggregator.stop();
    }
}
