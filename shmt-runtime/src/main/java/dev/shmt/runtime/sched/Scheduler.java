package dev.shmt.runtime.sched;

import dev.shmt.api.DeviceInfo;
import dev.shmt.api.EnergyMeters;
import dev.shmt.api.HlopEvent;
import dev.shmt.api.Region;
import dev.shmt.api.Report;
import dev.shmt.api.ShmtExecutionException;
import dev.shmt.api.ShmtObserver;
import dev.shmt.api.VopCall;
import dev.shmt.api.WatchdogSettings;
import dev.shmt.runtime.affinity.CorePlan;
import dev.shmt.runtime.spi.CallSetup;
import dev.shmt.runtime.spi.Device;
import dev.shmt.runtime.spi.DevicePower;
import dev.shmt.runtime.spi.Plan;
import dev.shmt.runtime.spi.Policy;
import dev.shmt.runtime.spi.QueueView;
import dev.shmt.runtime.spi.Trials;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The caller's side of the scheduler: pushes a call's plan into the device queues, waits for the
 * {@link Aggregator} to finish the call, and cancels the HLOPs not yet started when the caller gives up.
 * The devices' side, each worker's loop of taking, stealing, running and completing HLOPs, is
 * {@link WorkerLoop}; failed and hung HLOPs go to {@link Faults}. One lock guards every incoming queue:
 * decisions such as "steal from the fullest queue" need a consistent view of all of them.
 */
public final class Scheduler {
    static final System.Logger LOG = System.getLogger(Scheduler.class.getName());

    private final List<DeviceQueue> queues;
    /** The same queues as policies see them. */
    private final List<QueueView> views;
    private final Policy policy;
    private final Events events;
    private final Aggregator aggregator;
    private final WorkerLoop loop;
    private final Watchdog watchdog;
    private final AtomicLong calls = new AtomicLong();
    private final EnergyMeters energy;

    /**
     * Starts the workers of every (available) device, the aggregator, the watchdog, and the event
     * thread when there are observers.
     *
     * @param placement where each device's workers run (a device missing from it is not pinned)
     * @param policy builds the policy, given the trial runs that evaluation policies may use
     * @param quarantineAfter failures in a row after which a device takes no more HLOPs; 0 never
     * @param energy opens a window over each call ({@link EnergyMeters#OFF} for none)
     * @param power each device's power, as policies see it through {@link QueueView#power()}
     */
    public Scheduler(List<Device> devices, Map<Device, CorePlan.Placement> placement, Function<Trials, Policy> policy,
                     String threadPrefix, WatchdogSettings watchdog, int quarantineAfter,
                     List<ShmtObserver> observers, EnergyMeters energy, Function<String, DevicePower> power) {
        this.energy = energy;
        ReentrantLock lock = new ReentrantLock();
        List<DeviceQueue> qs = new ArrayList<>();
        for (Device d : devices) {
            CorePlan.Placement p = placement.get(d);
            qs.add(new DeviceQueue(d, lock, p == null ? null : p.set(), p == null ? null : p.cores(), power));
        }
        this.queues = Collections.unmodifiableList(qs);
        this.views = Collections.unmodifiableList(qs);
        this.policy = policy.apply(new TrialRuns(this));
        this.events = new Events(observers, threadPrefix + "events");
        this.aggregator = new Aggregator(queues, events, threadPrefix + "aggregator");
        this.loop = new WorkerLoop(queues, views, lock, this.policy, events, aggregator, quarantineAfter,
                threadPrefix);
        this.watchdog = watchdog.enabled()
                ? new Watchdog(loop.faults(), loop.workers(), watchdog, threadPrefix + "watchdog") : null;
        aggregator.start();
        loop.start();
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
        return loop.isWorkerThread() || aggregator.isCurrentThread();
    }

    /** Every device's queue, in the runtime's device order. */
    public List<QueueView> queues() {
        return views;
    }

    public String policy() {
        return policy.name();
    }

    /**
     * Runs {@code regions} of {@code call} on {@code eligible} (some of {@link #queues()}) and waits for
     * the last one. Interrupting the caller cancels the HLOPs not yet started and waits for the running
     * ones, so no output is written after this returns.
     */
    public Report execute(VopCall call, List<Region> regions, List<QueueView> eligible, List<DeviceInfo> notUsed) {
        return execute(call, regions, eligible, notUsed, CallSetup.all(eligible));
    }

    /**
     * What the policy chooses for {@code call} before it is partitioned ({@link Policy#setup}), checked:
     * the devices it names must be among {@code eligible}.
     */
    public CallSetup setup(VopCall call, List<QueueView> eligible) {
        CallSetup s = policy.setup(call, eligible);
        if (s == null) {
            return CallSetup.all(eligible);
        }
        for (QueueView q : s.devices()) {
            if (!eligible.contains(q)) {
                throw new IllegalStateException("policy " + policy.name() + " chose device " + q.device().name()
                        + ", which cannot run " + call.name());
            }
        }
        return s;
    }

    /**
     * As {@link #execute(VopCall, List, List, List)}, on the devices {@code setup} chose; the policy hears
     * of the call's end ({@link Policy#ended}) whether it succeeded or not.
     */
    public Report execute(VopCall call, List<Region> regions, List<QueueView> eligible, List<DeviceInfo> notUsed,
                          CallSetup setup) {
        Report report = null;
        try {
            report = run(call, regions, eligible, notUsed, setup);
            return report;
        } finally {
            policy.ended(call, report);
        }
    }

    private Report run(VopCall call, List<Region> regions, List<QueueView> eligible, List<DeviceInfo> notUsed,
                       CallSetup setup) {
        if (isOwnThread()) {
            // The thread would block waiting for HLOPs that may be queued behind it: a deadlock.
            throw new IllegalStateException(call.name() + " was called from inside an HLOP or combiner of the same"
                    + " runtime; run nested VOPs on another runtime or call the method directly");
        }
        List<DeviceQueue> mine = own(eligible);
        EnergyMeters.Window window = energy.enabled() ? energy.start() : null;
        CallState c = new CallState(call, calls.incrementAndGet(), mine, own(setup.devices()), setup.choice(), notUsed,
                policy.name(), System.nanoTime(), true);
        c.energy = window;
        Plan plan = policy.plan(call, regions, eligible);
        int[] queueOf = plan.queueOf();
        if (queueOf.length != regions.size()) {
            throw new IllegalStateException("policy " + policy.name() + " planned " + queueOf.length
                    + " HLOPs for " + regions.size() + " regions");
        }
        c.samplingNanos = plan.samplingNanos();
        c.nonFiniteSamples = plan.nonFiniteSamples();
        ScheduledHlop[] hlops = new ScheduledHlop[regions.size()];
        for (int i = 0; i < hlops.length; i++) {
            boolean critical = plan.critical() != null && plan.critical()[i];
            hlops[i] = new ScheduledHlop(c, i, regions.get(i),
                    plan.criticality() == null ? Double.NaN : plan.criticality()[i], critical,
                    critical ? mine.get(queueOf[i]).device().precision() : null);
        }
        c.setHlops(hlops);
        enqueue(hlops, queueOf, mine, pushOrder(plan.criticality()));
        return await(c);
    }

    private List<DeviceQueue> own(List<QueueView> views) {
        List<DeviceQueue> mine = new ArrayList<>(views.size());
        for (QueueView v : views) {
            if (!(v instanceof DeviceQueue q) || !queues.contains(q)) {
                throw new IllegalArgumentException("device " + v + " is not one of this runtime's");
            }
            mine.add(q);
        }
        return List.copyOf(mine);
    }

    /**
     * Runs every region on {@code device} alone, for {@link Trials}. Its call lists only that device as
     * eligible, so no other device steals or re-runs these HLOPs; observers do not hear of it.
     */
    Object[] trial(QueueView device, VopCall call, List<Region> regions) {
        List<DeviceQueue> only = own(List.of(device));
        CallState c = new CallState(call, calls.incrementAndGet(), only, only, null, List.of(), policy.name() + " trial",
                System.nanoTime(), false);
        ScheduledHlop[] hlops = new ScheduledHlop[regions.size()];
        for (int i = 0; i < hlops.length; i++) {
            hlops[i] = new ScheduledHlop(c, i, regions.get(i), Double.NaN, false, null);
        }
        c.setHlops(hlops);
        enqueue(hlops, new int[hlops.length], only, null);
        await(c);
        Object[] partials = new Object[hlops.length];
        for (int i = 0; i < hlops.length; i++) {
            partials[i] = hlops[i].partial();
        }
        return partials;
    }

    /**
     * The order HLOPs enter their queues: by index, or for a scored plan least critical first (ties by
     * index). Workers take from the head and thieves from the tail, so an approximate device starts with
     * its safest HLOPs, and a more precise device that runs out of work steals the most critical ones it
     * holds: whatever share the approximate device ends up with, it is the least critical part.
     */
    private static int[] pushOrder(double[] scores) {
        if (scores == null) {
            return null;
        }
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(Plan.rankKey(scores[a]), Plan.rankKey(scores[b]));
            return c != 0 ? c : Integer.compare(a, b);
        });
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /** @param order the HLOP indices in the order to queue them; null for index order */
    private void enqueue(ScheduledHlop[] hlops, int[] queueOf, List<DeviceQueue> eligible, int[] order) {
        loop.locked(() -> {
            long now = System.nanoTime();
            boolean observed = events.on && hlops.length > 0 && hlops[0].call.observed;
            for (int k = 0; k < hlops.length; k++) {
                int i = order == null ? k : order[k];
                ScheduledHlop h = hlops[i];
                DeviceQueue q = eligible.get(queueOf[i]);
                if (q.quarantine() == null) {
                    h.queued(now);
                    q.incoming.addLast(h);
                    if (observed) {
                        events.hlop(HlopEvent.Kind.QUEUED, now, h, q, -1, null, null);
                    }
                } else if (!loop.reroute(h, q)) {
                    // Quarantined after the plan was made, and no other device may take it.
                    loop.faults().unrunnable(q, h);
                }
            }
        });
    }

    private Report await(CallState c) {
        try {
            return c.done.get();
        } catch (InterruptedException e) {
            cancel(c);
            awaitUninterruptibly(c);
            Thread.currentThread().interrupt();
            throw new CancellationException(c.call.name()
                    + " interrupted: HLOPs not yet started were cancelled, so part of the output is not written");
        } catch (ExecutionException e) {
            throw rethrow(c, e.getCause());
        }
    }

    private static void awaitUninterruptibly(CallState c) {
        boolean interrupted = false;
        while (true) {
            try {
                c.done.get();
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

    private static RuntimeException rethrow(CallState c, Throwable cause) {
        // New exceptions so the trace shows the caller, not the aggregator thread.
        if (cause instanceof ShmtExecutionException e) {
            return new ShmtExecutionException(e.getMessage(), e.getCause(), e.failedRegions(), e.writtenRegions());
        }
        if (cause instanceof CancellationException) {
            return new CancellationException(cause.getMessage());
        }
        return new ShmtExecutionException(c.call.name() + ": combining results failed: " + cause, cause);
    }

    /** Completes {@code c}'s HLOPs still queued as cancelled; those running finish as usual. */
    private void cancel(CallState c) {
        loop.withLock(() -> {
            c.cancelled = true;
            for (DeviceQueue q : queues) {
                for (Iterator<ScheduledHlop> it = q.incoming.iterator(); it.hasNext(); ) {
                    ScheduledHlop h = it.next();
                    if (h.call == c) {
                        it.remove();
                        h.cancelled(q);
                        loop.complete(q, h);
                    }
                }
            }
        });
    }

    /**
     * Stops every worker, the watchdog, the aggregator and the event thread; call only when no call is
     * in flight. A worker still stuck in an HLOP the watchdog abandoned is interrupted and given a short
     * grace; if it still does not return it is left behind (a daemon thread), and its device is returned
     * so that the caller does not free resources that thread may still use.
     */
    public List<Device> shutdown() throws InterruptedException {
        loop.stop();
        if (watchdog != null) {
            watchdog.stop();
        }
        List<Device> stuck = loop.join();
        aggregator.stop();
        events.stop();
        return stuck;
    }
}
