package dev.shmt.runtime.sched;

import dev.shmt.api.HlopEvent;
import dev.shmt.runtime.affinity.Affinity;
import dev.shmt.runtime.spi.Device;
import dev.shmt.runtime.spi.Policy;
import dev.shmt.runtime.spi.QueueView;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The device side of the scheduler, as Taskflow's workers are to its executor: every device's worker
 * threads and the loop each runs. A worker takes the first HLOP of its device's incoming queue that the
 * policy does not defer, else one the policy lets it steal, runs it, and hands it to the
 * {@link Aggregator}, or to {@link Faults} when the device threw. It owns the one lock that guards every
 * incoming queue, and the re-routing that {@link Faults} and the caller's side use under it.
 */
final class WorkerLoop implements Rerouting {
    private static final System.Logger LOG = Scheduler.LOG;
    /** The loop whose worker the current thread is, to refuse calls that would wait on themselves. */
    private static final ThreadLocal<WorkerLoop> WORKER_OF = new ThreadLocal<>();
    /** How long shutdown waits for a worker stuck in an abandoned HLOP after interrupting it. */
    private static final long STUCK_GRACE_MILLIS = 2000;
    /** How long a worker whose policy deferred an HLOP waits before asking again. */
    private static final long DEFER_RECHECK_NANOS = 1_000_000;

    private final ReentrantLock lock;
    private final Condition workAvailable;
    private final List<DeviceQueue> queues;
    /** The same queues as policies see them. */
    private final List<QueueView> views;
    private final Policy policy;
    private final Events events;
    private final Aggregator aggregator;
    private final Faults faults;
    private final List<Worker> workers = new ArrayList<>();
    private boolean stopping;

    /**
     * Creates the workers of every queue's device, named {@code <threadPrefix><device>-<i>}; none runs
     * before {@link #start}.
     *
     * @param lock the lock {@code queues} check their callers hold
     * @param quarantineAfter failures in a row after which a device takes no more HLOPs; 0 never
     */
    WorkerLoop(List<DeviceQueue> queues, List<QueueView> views, ReentrantLock lock, Policy policy, Events events,
               Aggregator aggregator, int quarantineAfter, String threadPrefix) {
        this.lock = lock;
        this.workAvailable = lock.newCondition();
        this.queues = queues;
        this.views = views;
        this.policy = policy;
        this.events = events;
        this.aggregator = aggregator;
        this.faults = new Faults(this, events, quarantineAfter);
        for (DeviceQueue q : queues) {
            for (int i = 0; i < q.device().threads(); i++) {
                Worker w = new Worker(q, i);
                w.thread = new Thread(() -> work(w), threadPrefix + q.device().name() + "-" + i);
                w.thread.setDaemon(true);
                workers.add(w);
                q.workers.add(w);
            }
        }
    }

    /** Every device's workers, for the watchdog. */
    List<Worker> workers() {
        return List.copyOf(workers);
    }

    /** What happens to HLOPs whose device failed, hung or was quarantined. */
    Faults faults() {
        return faults;
    }

    void start() {
        for (Worker w : workers) {
            w.thread.start();
        }
    }

    /** True on one of these workers' threads. */
    boolean isWorkerThread() {
        return WORKER_OF.get() == this;
    }

    /** Runs {@code change} under the lock without waking the workers: for changes that only remove HLOPs. */
    void withLock(Runnable change) {
        lock.lock();
        try {
            change.run();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void locked(Runnable change) {
        lock.lock();
        try {
            change.run();
            workAvailable.signalAll();
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
            ScheduledHlop h = take(q);
            if (h == null) {
                return;
            }
            Thread.interrupted(); // an interrupt meant for an abandoned HLOP must not reach the next one
            // A device writing the caller's output as it goes claims it at once: no taking that back.
            h.started(w.thread, !device.stagesOutput());
            long start = System.nanoTime();
            w.since = start;
            w.current = h;
            boolean observed = events.on && h.call.observed;
            if (observed) {
                events.hlop(HlopEvent.Kind.STARTED, start, h, q, w.index, null, null);
            }
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
            if (error == null) {
                if (!h.finished(q, w.index, start, end, partial)) {
                    continue; // the watchdog gave it to another device: this late result is discarded
                }
                q.failuresInARow = 0;
                q.ran(h.call().name(), h.region().elements(), end - start);
                if (observed) {
                    events.hlop(HlopEvent.Kind.FINISHED, end, h, q, w.index, null, null);
                }
                complete(q, h);
            } else if (h.failed(q, w.index, start, end, error)) {
                faults.failed(q, w.index, h, error);
            }
        }
    }

    /**
     * The next HLOP for {@code q}: the first of its own that the policy does not defer, else one the
     * policy lets it steal; null once stopping.
     */
    private ScheduledHlop take(DeviceQueue q) {
        lock.lock();
        try {
            while (true) {
                boolean deferred = false;
                ScheduledHlop h = q.incoming.peekFirst();
                if (h != null && !policy.defers(q, h, views)) {
                    q.incoming.pollFirst();
                } else if (h != null) {
                    h = firstNotDeferred(q);
                    deferred = true;
                }
                if (h == null) {
                    h = (ScheduledHlop) policy.steal(q, views);
                    if (h != null && events.on && h.call.observed) {
                        events.hlop(HlopEvent.Kind.STOLEN, System.nanoTime(), h, q, -1, h.stolenFrom(), null);
                    }
                }
                if (h != null) {
                    return h;
                }
                if (stopping) {
                    return null;
                }
                if (deferred || anyQueued()) {
                    // Left for another device, by this one or its policy's stealing; that device may have
                    // come to defer it too as the estimates moved: look again soon rather than wait for a
                    // signal that may never come.
                    try {
                        workAvailable.awaitNanos(DEFER_RECHECK_NANOS);
                    } catch (InterruptedException e) {
                        // Meant for an HLOP the watchdog took away; the worker clears it before the next.
                    }
                } else {
                    workAvailable.awaitUninterruptibly();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns the first HLOP of {@code q}'s queue past its head that the policy does not defer. */
    private ScheduledHlop firstNotDeferred(DeviceQueue q) {
        Iterator<ScheduledHlop> it = q.incoming.iterator();
        it.next(); // the head, deferred already
        while (it.hasNext()) {
            ScheduledHlop c = it.next();
            if (!policy.defers(q, c, views)) {
                it.remove();
                return c;
            }
        }
        return null;
    }

    /** Whether any incoming queue holds an HLOP. Under the lock. */
    private boolean anyQueued() {
        for (DeviceQueue q : queues) {
            if (!q.incoming.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void complete(DeviceQueue q, ScheduledHlop h) {
        q.completion.offer(h);
        aggregator.wake();
    }

    @Override
    public boolean reroute(ScheduledHlop h, DeviceQueue from) {
        if (h.call.cancelled) {
            h.cancelled(from); // its call is over: completing it ends the wait, running it would not
            return false;
        }
        DeviceQueue next = leastQueued(h);
        if (next == null && h.call.chosen.size() < h.call.eligible.size()) {
            h.widen(); // no chosen device may run it: the devices the policy left out lose no work either
            next = leastQueued(h);
        }
        if (next == null) {
            return false;
        }
        long now = System.nanoTime();
        h.rerouted(now);
        next.incoming.addFirst(h);
        if (events.on && h.call.observed) {
            events.hlop(HlopEvent.Kind.REROUTED, now, h, next, -1, from, null);
        }
        workAvailable.signalAll();
        return true;
    }

    /** Of the devices that may run {@code h}, the one with the fewest HLOPs queued; null for none. Under the lock. */
    private static DeviceQueue leastQueued(ScheduledHlop h) {
        DeviceQueue next = null;
        for (DeviceQueue c : h.call.eligible) {
            if (h.runnableOn(c) && (next == null || c.incoming.size() < next.incoming.size())) {
                next = c;
            }
        }
        return next;
    }

    /** Tells every worker to return once no HLOP is left for it; {@link #join} waits for them. */
    void stop() {
        lock.lock();
        try {
            stopping = true;
            workAvailable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for every worker to return after {@link #stop}. A worker still stuck in an HLOP the watchdog
     * abandoned is interrupted and given a short grace; if it still does not return it is left behind (a
     * daemon thread), and its device is returned so that the caller does not free resources that thread
     * may still use.
     */
    List<Device> join() throws InterruptedException {
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
        return stuck;
    }
}
