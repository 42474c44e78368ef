package dev.shmt.runtime.sched;

import dev.shmt.api.CallEvent;
import dev.shmt.api.HlopEvent;
import dev.shmt.api.ShmtObserver;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Hands scheduler events to the runtime's {@link ShmtObserver}s. Whoever makes a transition appends its
 * event at once (under the scheduler's lock for queueing, stealing and re-routing, so every HLOP's
 * events enter in the order they happened); one thread of its own delivers them, so observers never
 * run on a worker or under the lock. Without observers {@link #on} is false and nothing is created.
 */
final class Events {
    private static final System.Logger LOG = Scheduler.LOG;

    /** False when no observer is registered: every call site tests it first. */
    final boolean on;
    private final List<ShmtObserver> observers;
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    /** Delivers the events; null without observers. */
    private final Drainer delivery;

    Events(List<ShmtObserver> observers, String name) {
        this.observers = List.copyOf(observers);
        this.on = !this.observers.isEmpty();
        if (on) {
            delivery = new Drainer(name) {
                @Override
                boolean drain() {
                    return deliver();
                }
            };
            delivery.start();
        } else {
            delivery = null;
        }
    }

    /** An HLOP event of {@code h} on {@code device}'s queue or worker at {@code nanos}; only when {@link #on}. */
    void hlop(HlopEvent.Kind kind, long nanos, ScheduledHlop h, DeviceQueue device, int worker, DeviceQueue from,
              String cause) {
        post(new HlopEvent(kind, nanos, h.call.id, h.call().name(), h.index(), h.region(),
                device.device().name(), worker, from == null ? null : from.device().name(), cause));
    }

    void quarantined(DeviceQueue q, String cause) {
        post(new Quarantine(q.device().name(), cause, System.nanoTime()));
    }

    void callFinished(CallEvent e) {
        post(e);
    }

    private record Quarantine(String device, String cause, long nanos) {}

    private void post(Object event) {
        queue.offer(event);
        delivery.wake();
    }

    /** Delivers what is queued, then stops the thread. */
    void stop() throws InterruptedException {
        if (delivery != null) {
            delivery.stop();
        }
    }

    private boolean deliver() {
        boolean any = false;
        Object e;
        while ((e = queue.poll()) != null) {
            any = true;
            for (ShmtObserver o : observers) {
                try {
                    if (e instanceof HlopEvent h) {
                        o.hlop(h);
                    } else if (e instanceof CallEvent c) {
                        o.callFinished(c);
                    } else {
                        Quarantine q = (Quarantine) e;
                        o.deviceQuarantined(q.device, q.cause, q.nanos);
                    }
                } catch (RuntimeException ex) {
                    LOG.log(System.Logger.Level.WARNING, "observer " + o + " threw on " + e, ex);
                }
            }
        }
        return any;
    }
}
