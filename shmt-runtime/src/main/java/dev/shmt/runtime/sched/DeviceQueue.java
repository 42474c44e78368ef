package dev.shmt.runtime.sched;

import dev.shmt.api.Cores;
import dev.shmt.runtime.device.Device;
import java.util.BitSet;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A device's pair of queues (section 3.3 of the paper): HLOPs waiting for it, taken from the head by
 * its workers and stolen from the tail by idle devices; and HLOPs it finished, drained by the
 * aggregator. The incoming queue is guarded by the scheduler's lock.
 */
public final class DeviceQueue {
    private final Device device;
    final ArrayDeque<Hlop> incoming = new ArrayDeque<>();
    final ConcurrentLinkedQueue<Hlop> completion = new ConcurrentLinkedQueue<>();
    /** Why the device takes no more HLOPs, null while it is trusted. Written under the scheduler lock. */
    private volatile String quarantine;
    /**
     * Failures since the device last completed an HLOP: counted under the scheduler lock, reset without
     * it by the worker that completed one (a success racing a failure may leave either count; both are
     * close to "in a row").
     */
    volatile int failuresInARow;
    /** Per VOP, how long this device takes per cell: what the watchdog expects. */
    private final ConcurrentHashMap<String, RunTime> runTimes = new ConcurrentHashMap<>();

    /** The cores its workers pin themselves to, null to leave them where they are; what reports say. */
    final BitSet pinTo;
    private final Cores cores;

    DeviceQueue(Device device, BitSet pinTo, Cores cores) {
        this.device = device;
        this.pinTo = pinTo;
        this.cores = cores;
    }

    public Device device() {
        return device;
    }

    /** The host cores the device's workers run on, and whether they are pinned there. */
    public Cores cores() {
        return cores;
    }

    /** HLOPs waiting in the incoming queue. Call under the scheduler lock (policies are). */
    public int pending() {
        return incoming.size();
    }

    /**
     * Removes and returns the HLOP nearest the tail that {@code thief} may run, or null. Taking from the
     * far end leaves the victim the work it is about to start. Call under the scheduler lock.
     */
    public Hlop stealLast(DeviceQueue thief) {
        for (Iterator<Hlop> it = incoming.descendingIterator(); it.hasNext(); ) {
            Hlop h = it.next();
            if (h.runnableOn(thief)) {
                it.remove();
                h.stolenFrom = this;
                return h;
            }
        }
        return null;
    }

    /** Why the device was quarantined for the rest of the runtime's life; null when it was not. */
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
    }

    @Override
    public String toString() {
        return device.name();
    }
}
