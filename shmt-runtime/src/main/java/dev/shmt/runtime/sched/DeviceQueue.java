package dev.shmt.runtime.sched;

import dev.shmt.api.Cores;
import dev.shmt.runtime.spi.Device;
import dev.shmt.runtime.spi.DevicePower;
import java.util.function.Function;
import dev.shmt.runtime.spi.Hlop;
import dev.shmt.runtime.spi.QueueView;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * A device's pair of queues (section 3.3 of the paper): HLOPs waiting for it, taken from the head by
 * its workers and stolen from the tail by idle devices; and HLOPs it finished, drained by the
 * aggregator. The incoming queue is guarded by the scheduler's lock, which the methods policies call
 * check.
 */
final class DeviceQueue implements QueueView {
    private final Device device;
    private final ReentrantLock lock;
    final ArrayDeque<ScheduledHlop> incoming = new ArrayDeque<>();
    final ConcurrentLinkedQueue<ScheduledHlop> completion = new ConcurrentLinkedQueue<>();
    /** Why the device takes no more HLOPs, null while it is trusted. Written under the scheduler lock. */
    private volatile String quarantine;
    /**
     * Failures since the device last completed an HLOP: counted under the scheduler lock, reset without
     * it by the worker that completed one (a success racing a failure may leave either count; both are
     * close to "in a row").
     */
    volatile int failuresInARow;
    /** Its workers, added as the scheduler starts; read only after. */
    final List<Worker> workers = new ArrayList<>();
    /** Per VOP, how long this device takes per cell: what the watchdog expects. */
    private final ConcurrentHashMap<String, RunTime> runTimes = new ConcurrentHashMap<>();

    /** The cores its workers pin themselves to, null to leave them where they are; what reports say. */
    final BitSet pinTo;
    private final Cores cores;
    private final Function<String, DevicePower> power;

    DeviceQueue(Device device, ReentrantLock lock, BitSet pinTo, Cores cores, Function<String, DevicePower> power) {
        this.device = device;
        this.power = power;
        this.lock = lock;
        this.pinTo = pinTo;
        this.cores = cores;
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public Cores cores() {
        return cores;
    }

    @Override
    public DevicePower power() {
        return power.apply(device.name());
    }

    @Override
    public int pending() {
        requireLock();
        return incoming.size();
    }

    @Override
    public int running() {
        requireLock();
        int n = 0;
        for (Worker w : workers) {
            if (w.current != null) {
                n++;
            }
        }
        return n;
    }

    @Override
    public Hlop stealLast(QueueView thief) {
        return stealLast(thief, h -> true);
    }

    @Override
    public Hlop stealLast(QueueView thief, Predicate<Hlop> accept) {
        requireLock();
        DeviceQueue to = (DeviceQueue) thief;
        for (Iterator<ScheduledHlop> it = incoming.descendingIterator(); it.hasNext(); ) {
            ScheduledHlop h = it.next();
            if (h.runnableOn(to) && accept.test(h)) {
                it.remove();
                h.stolenBy(this);
                return h;
            }
        }
        return null;
    }

    private void requireLock() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("the incoming queue of " + device.name() + " is read only under the"
                    + " scheduler's lock, as in Policy.steal");
        }
    }

    @Override
    public String quarantine() {
        return quarantine;
    }

    void quarantine(String cause) {
        quarantine = cause;
    }

    /** Learns from an HLOP of {@code vop} that ran {@code nanos} over {@code cells} cells. */
    void ran(String vop, long cells, long nanos) {
        runTimes.computeIfAbsent(vop, v -> new RunTime()).add(cells, nanos);
    }

    /** Expected nanoseconds for {@code cells} cells of {@code vop}; negative when nothing was learned yet. */
    double expectedNanos(String vop, long cells) {
        RunTime t = runTimes.get(vop);
        return t == null ? -1 : t.nanosPerCell() * cells;
    }

    @Override
    public double typicalNanos(Hlop h) {
        RunTime t = runTimes.get(h.call().name());
        return t == null ? Double.NaN : t.typicalPerCell() * h.region().elements();
    }

    /**
     * A running estimate of time per cell. It follows recent HLOPs (a weight of 1/4 for the newest) but
     * never drops below half the slowest HLOP seen, so one early fast run does not make the watchdog
     * trigger on normal variation.
     */
    private static final class RunTime {
        private double perCell = -1;
        private double slowest;

        synchronized void add(long cells, long nanos) {
            double x = (double) nanos / Math.max(1, cells);
            perCell = perCell < 0 ? x : 0.75 * perCell + 0.25 * x;
            slowest = Math.max(slowest, x);
        }

        synchronized double nanosPerCell() {
            return Math.max(perCell, slowest / 2);
        }

        /** The recent HLOPs' average, without the watchdog's floor: what a policy plans with. */
        synchronized double typicalPerCell() {
            return perCell;
        }
    }

    @Override
    public String toString() {
        return device.name();
    }
}
