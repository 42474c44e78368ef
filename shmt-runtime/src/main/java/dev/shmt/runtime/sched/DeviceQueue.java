package dev.shmt.runtime.sched;

import dev.shmt.runtime.device.Device;
import java.util.ArrayDeque;
import java.util.Iterator;
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

    DeviceQueue(Device device) {
        this.device = device;
    }

    public Device device() {
        return device;
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

    @Override
    public String toString() {
        return device.name();
    }
}
