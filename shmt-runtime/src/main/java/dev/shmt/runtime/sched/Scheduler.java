package dev.shmt.runtime.sched;

import dev.shmt.api.DeviceInfo;
import dev.shmt.api.Region;
import dev.shmt.api.Report;
import dev.shmt.api.ShmtExecutionException;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.affinity.Affinity;
import dev.shmt.runtime.affinity.CorePlan;
import dev.shmt.runtime.device.Device;
import dev.shmt.runtime.policy.Policy;
import dev.shmt.runtime.qaws.Assessment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Moves HLOPs through the device queues: pushes a call's plan into incoming queues, runs each device's
 * workers (own queue first, then stealing as the policy allows), hands HLOPs whose device failed or hung
 * to {@link Faults}, and finished ones to the aggregator. One lock
 * guards every incoming queue: decisions such as "steal from the fullest queue" need a consistent view
 * of all of them.
 */
public final class Scheduler {
    static final System.Logger LOG = System.getLogger(Scheduler.class.getName());
    /** The scheduler whose worker the current thread is, to refuse calls that would wait on themselves. */
    private static final ThreadLocal<Scheduler> WORKER_OF = new ThreadLocal<>();
    /** How long shutdown waits for a worker stuck in an abandoned HLOP after interrupting it. */
    private static final long STUCK_GRACE_MILLIS = 2000;

    final ReentrantLock lock = new ReentrantLock();
    final Condition workAvailable = lock.newCondition();
    private final List<DeviceQueue> queues;
    private final Policy policy;
    private final Faults faults;
    private final Aggregator aggregator;
    private final Watchdog watchdog;
    private final List<Worker> workers = new ArrayList<>();
    private boolean stopping;

    /**
     * Starts the workers of every (available) device, the aggregator and the watchdog.
     *
     * @param placement where each device's workers run (a device missing from it is not pinned)
     * @param quarantineAfter failures in a row after which a device takes no more HLOPs; 0 never
     */
    public Scheduler(List<Device> devices, Map<Device, CorePlan.Placement> placement, Policy policy,
                     String threadPrefix, WatchdogSettings watchdog, int quarantineAfter) {
        List<DeviceQueue> qs = new ArrayList<>();
        for (Device d : devices) {
            CorePlan.Placement p = placement.get(d);
            qs.add(new DeviceQueue(d, p == null ? null : p.set(), p == null ? null : p.cores()));
        }
        this.queues = Collections.unmodifiableList(qs);
        this.policy = policy;
        this.faults = new Faults(this, quarantineAfter);
        this.aggregator = new Aggregator(queues, threadPrefix + "aggregator");
        for (DeviceQueue q : queues) {
            for (int i = 0; i < q.device().threads(); i++) {
                Worker w = new Worker(q, i);
                w.thread = new Thread(() -> work(w), threadPrefix + q.device().name() + "-" + i);
                w.thread.setDaemon(true);
                workers.add(w);
            }
        }
        this.watchdog = watchdog.enabled()
                ? new Watchdog(faults, List.copyOf(workers), watchdog, threadPrefix + "watchdog") : null;
        aggregator.start();
        for (Worker w : workers) {
            w.thread.start();
        }
        if (this.watchdog != null) {
            this.watchdog.start();
        }
    }

    /**
     * True on a thread of this scheduler: a device worker (running an HLOP) or the aggregator (running
     * a combiner). Such a thread must not wait for a call of this scheduler to end: it may be what that
     * call waits for.
     */
    public boolean isOwnThread() {
        return WORKER_OF.get() == this || aggregator.isCurrentThread();
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
        if (isOwnThread()) {
            // The thread would block waiting for HLOPs that may be queued behind it: a deadlock.
            throw new IllegalStateException(call.name() + " was called from inside an HLOP or combiner of the same"
                    + " runtime; run nested VOPs on another runtime or call the method directly");
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
        enqueue(hlops, queueOf, eligible, pushOrder(plan.criticality()));
        return await(tracker);
    }

    /**
     * The order HLOPs enter their queues: by index, or for a scored plan least critical first (ties by
     * index). Workers take from the head and thieves from the tail, so an approximate device starts with
     * its safest HLOPs, and a more precise device that runs out of work steals the most critical ones it
     * holds: whatever share the approximate device ends up with, it is the least critical part.
     */
    private static int[] pushOrder(double[] scores) {
        int n = scores == null ? 0 : scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (scores != null) {
            Arrays.sort(order, (a, b) -> {
                int c = Double.compare(Assessment.rankKey(scores[a]), Assessment.rankKey(scores[b]));
                return c != 0 ? c : Integer.compare(a, b);
            });
        }
        return scores == null ? null : Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /** @param order the HLOP indices in the order to queue them; null for index order */
    private void enqueue(Hlop[] hlops, int[] queueOf, List<DeviceQueue> eligible, int[] order) {
        lock.lock();
        try {
            long now = System.nanoTime();
            for (int k = 0; k < hlops.length; k++) {
                int i = order == null ? k : order[k];
                Hlop h = hlops[i];
                DeviceQueue q = eligible.get(queueOf[i]);
                h.enqueuedAt = now;
                if (q.quarantine() == null) {
                    q.incoming.addLast(h);
                } else if (!route(h)) {
                    // Quarantined after the plan was made, and no other device may take it.
                    faults.unrunnable(q, h);
                }
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
        enqueue(hlops, new int[hlops.length], List.of(device), null);
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
        if (cause instanceof ShmtExecutionException e) {
            return new ShmtExecutionException(e.getMessage(), e.getCause(), e.failedRegions(), e.writtenRegions());
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
                        complete(q, h);
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void work(Worker w) {
        WORKER_OF.set(this);
        DeviceQueue q = w.queue;
        Device device = q.device();
        if (q.pinTo != null) {
            try {
                // Before the first HLOP, so threads a device's library starts from here inherit the set.
                Affinity.pinCurrentThread(q.pinTo);
            } catch (IllegalStateException e) {
                LOG.log(System.Logger.Level.WARNING, "worker {0} runs unpinned: {1}", w.thread.getName(),
                        e.getMessage());
            }
        }
        while (true) {
            Hlop h = take(q);
            if (h == null) {
                return;
            }
            Thread.interrupted(); // an interrupt meant for an abandoned HLOP must not reach the next one
            // A device writing the caller's output as it goes claims it at once: no taking that back.
            h.startAttempt(w.thread, !device.stagesOutput());
            long start = System.nanoTime();
            w.since = start;
            w.current = h;
            Object partial = null;
            Throwable error = null;
            try {
                partial = device.run(h);
            } catch (Throwable t) {
                // Even an Error must reach the call, or its caller would wait forever.
                error = t;
            }
            long end = System.nanoTime();
            w.current = null;
            if (!h.endAttempt()) {
                continue; // the watchdog gave it to another device: this late result is discarded
            }
            h.startedAt = start;
            h.endedAt = end;
            h.ranOn = q;
            h.worker = w.index;
            if (error == null) {
                h.partial = partial;
                q.failuresInARow = 0;
                q.ran(h.call().name(), h.region().elements(), end - start);
                complete(q, h);
            } else {
                faults.failed(q, h, error);
            }
        }
    }

    void complete(DeviceQueue q, Hlop h) {
        q.completion.offer(h);
        aggregator.wake();
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

    /**
     * Sends {@code h} to the least loaded device that may still run it; false when none is left, or
     * when its call was cancelled (then it is marked so). Under the lock.
     */
    boolean route(Hlop h) {
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
    }

    /**
     * Stops every worker, the watchdog and the aggregator; call only when no call is in flight. A
     * worker still stuck in an HLOP the watchdog abandoned is interrupted and given a short grace; if it
     * still does not return it is left behind (a daemon thread), and its device is returned so that the
     * caller does not free resources that thread may still use.
     */
    public List<Device> shutdown() throws InterruptedException {
        lock.lock();
        try {
            stopping = true;
            workAvailable.signalAll();
        } finally {
            lock.unlock();
        }
        if (watchdog != null) {
            watchdog.stop();
        }
        List<Device> stuck = new ArrayList<>();
        for (Worker w : workers) {
            if (w.stuck()) {
                w.thread.interrupt();
                w.thread.join(STUCK_GRACE_MILLIS);
                if (w.thread.isAlive()) {
                    LOG.log(System.Logger.Level.WARNING, "worker {0} is still stuck in an abandoned HLOP after"
                            + " an interrupt; leaving it behind", w.thread.getName());
                    if (!stuck.contains(w.queue.device())) {
                        stuck.add(w.queue.device());
                    }
                    continue;
                }
            }
            w.thread.join();
        }
        aggregator.stop();
        return stuck;
    }
}
