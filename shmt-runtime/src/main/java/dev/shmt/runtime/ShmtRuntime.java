package dev.shmt.runtime;

import dev.shmt.api.DeviceDeclinedException;
import dev.shmt.api.DeviceInfo;
import dev.shmt.api.EnergyMeters;
import dev.shmt.api.Region;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.api.ShmtObserver;
import dev.shmt.api.VopCall;
import dev.shmt.api.WatchdogSettings;
import dev.shmt.runtime.affinity.CorePlan;
import dev.shmt.runtime.energy.EnergyMonitor;
import dev.shmt.runtime.partition.Hints;
import dev.shmt.runtime.partition.Partitioner;
import dev.shmt.runtime.sched.Scheduler;
import dev.shmt.runtime.spi.CallSetup;
import dev.shmt.runtime.spi.Device;
import dev.shmt.runtime.spi.DevicePower;
import dev.shmt.runtime.spi.Policy;
import dev.shmt.runtime.spi.QueueView;
import dev.shmt.runtime.spi.Trials;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The SHMT runtime: partitions each call into HLOPs, plans them with its policy over the devices that
 * can run the call, and waits for the aggregator. Users build one with {@link Shmt#builder()}; tests
 * with {@link #builder()}, which also takes devices built by hand.
 */
public final class ShmtRuntime implements Shmt {
    private static final System.Logger LOG = System.getLogger(ShmtRuntime.class.getName());
    private static final AtomicInteger IDS = new AtomicInteger();

    private final List<Device> devices;
    private final List<DeviceInfo> infos;
    private final Hints hints;
    private final Scheduler scheduler;
    private final String name;
    private final Object state = new Object();
    /** The device of a {@code single:<device>} policy, else null: a call it cannot take fails with its reason. */
    private final String singleDevice;
    /** The energy meters; null when energy is off. */
    private final EnergyMonitor energy;
    private int inFlight;
    private boolean closed;
    /** Set once close() has stopped every thread and device. */
    private boolean terminated;

    /**
     * @param policy makes the policy, given the trial runs that evaluation policies may use
     * @param singleDevice the device of a {@code single:<device>} policy; null for any other
     */
    ShmtRuntime(List<Device> devices, Map<Device, CorePlan.Placement> placement, Function<Trials, Policy> policy,
                String singleDevice, Hints hints, WatchdogSettings watchdog, int quarantineAfter,
                List<ShmtObserver> observers, EnergyMonitor energy) {
        this.energy = energy;
        this.devices = List.copyOf(devices);
        this.singleDevice = singleDevice;
        this.hints = hints;
        List<DeviceInfo> infos = new ArrayList<>();
        List<Device> available = new ArrayList<>();
        for (Device d : devices) {
            String cause = d.status().cause();
            CorePlan.Placement p = placement.get(d);
            infos.add(new DeviceInfo(d.name(), d.kind(), d.precision(), d.threads(), d.detail(), cause,
                    cause == null && p != null ? p.cores() : null));
            if (cause == null) {
                available.add(d);
            } else {
                LOG.log(System.Logger.Level.DEBUG, "device {0} unavailable: {1}", d.name(), cause);
            }
        }
        this.infos = List.copyOf(infos);
        this.name = "shmt" + IDS.incrementAndGet();
        this.scheduler = new Scheduler(available, placement, policy, name + "-", watchdog, quarantineAfter,
                observers, energy == null ? EnergyMeters.OFF : energy,
                energy == null ? d -> DevicePower.UNKNOWN : energy::power);
    }

    /** A builder that starts from every device the class path provides. */
    public static RuntimeBuilder builder() {
        return new RuntimeBuilder();
    }

    @Override
    public Report execute(VopCall call) {
        Objects.requireNonNull(call, "call");
        synchronized (state) {
            if (closed) {
                throw new IllegalStateException("this SHMT runtime is closed; build a new one");
            }
            inFlight++;
        }
        try {
            List<QueueView> eligible = new ArrayList<>();
            List<DeviceInfo> notUsed = new ArrayList<>();
            for (DeviceInfo info : infos) {
                if (!info.available()) {
                    notUsed.add(info);
                }
            }
            for (QueueView q : scheduler.queues()) {
                Device d = q.device();
                if (q.quarantine() != null) {
                    notUsed.add(info(q, "quarantined: " + q.quarantine()));
                } else if (d.supports(call)) {
                    eligible.add(q);
                } else {
                    notUsed.add(info(q, d.whyNot(call)));
                }
            }
            for (DeviceInfo d : notUsed) {
                if (d.name().equals(singleDevice)) {
                    throw new DeviceDeclinedException("single:" + singleDevice, singleDevice, call.name(), d.cause());
                }
            }
            if (eligible.isEmpty()) {
                throw new IllegalStateException("no device can run " + call.name() + ": " + notUsed);
            }
            List<QueueView> all = List.copyOf(eligible);
            CallSetup setup = scheduler.setup(call, all);
            List<Region> regions = Partitioner.split(call, hints, setup.tileScale());
            return scheduler.execute(call, regions, all, List.copyOf(notUsed), setup);
        } finally {
            synchronized (state) {
                if (--inFlight == 0) {
                    state.notifyAll();
                }
            }
        }
    }

    /**
     * This runtime's name in this process ({@code shmt3}): its threads are named after it and their
     * device ({@code shmt3-cpu-0}, {@code shmt3-aggregator}), as thread dumps and {@code /proc} show them.
     */
    public String name() {
        return name;
    }

    @Override
    public List<Region> partition(VopCall call) {
        return Partitioner.split(Objects.requireNonNull(call, "call"), hints);
    }

    private static DeviceInfo info(QueueView q, String cause) {
        Device d = q.device();
        return new DeviceInfo(d.name(), d.kind(), d.precision(), d.threads(), d.detail(), cause, q.cores());
    }

    /** Every device with its state now: unavailable ones and those quarantined since carry the cause. */
    @Override
    public List<DeviceInfo> devices() {
        List<DeviceInfo> now = new ArrayList<>(infos);
        for (QueueView q : scheduler.queues()) {
            if (q.quarantine() != null) {
                now.set(devices.indexOf(q.device()), info(q, "quarantined: " + q.quarantine()));
            }
        }
        return List.copyOf(now);
    }

    @Override
    public EnergyMeters energy() {
        return energy == null ? EnergyMeters.OFF : energy;
    }

    @Override
    public String policy() {
        return scheduler.policy();
    }

    @Override
    public boolean isClosed() {
        synchronized (state) {
            return closed;
        }
    }

    /**
     * Refuses new calls, waits for those in flight to finish (their HLOPs still run, re-run and are
     * watched as usual; interrupt a caller to cancel its call), then stops every thread and closes the
     * devices. A worker still stuck in an HLOP the watchdog abandoned is interrupted; if it does not
     * return, it is left behind and its device is not closed under it. Calling it again does nothing;
     * called while another thread closes, it returns once that close is done.
     *
     * @throws IllegalStateException when called from inside an HLOP or combiner of this runtime, which
     *     would wait for itself
     */
    @Override
    public void close() {
        if (scheduler.isOwnThread()) {
            throw new IllegalStateException("close() was called from inside an HLOP or combiner of this runtime;"
                    + " it would wait for its own call to finish");
        }
        boolean interrupted = false;
        synchronized (state) {
            if (closed) {
                // Another thread is closing: return once it is done, as this thread's close() promises.
                while (!terminated) {
                    try {
                        state.wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            closed = true;
            while (inFlight > 0) {
                try {
                    state.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        List<Device> stuck;
        while (true) {
            try {
                stuck = scheduler.shutdown();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        for (Device d : devices) {
            if (stuck.contains(d)) {
                LOG.log(System.Logger.Level.WARNING, "device {0} not closed: a worker is still stuck in it", d.name());
                continue;
            }
            try {
                d.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing device " + d.name() + " failed", e);
            }
        }
        if (energy != null) {
            energy.close();
        }
        synchronized (state) {
            terminated = true;
            state.notifyAll();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ShmtRuntime[policy " + scheduler.policy() + ", devices " + infos + "]";
    }
}
