package dev.shmt.api;

/**
 * Watches a runtime's calls as they run, like Taskflow's {@code ObserverInterface}: registered on the
 * builder ({@link Shmt.Builder#observer}), it hears of every HLOP's steps, every device quarantine and
 * every call's end, each with its {@link System#nanoTime()} time stamp.
 *
 * <p>Events reach observers on one thread of the runtime's own, in the order they happened (for each
 * HLOP, its steps in sequence), never on a device's worker and never under the scheduler's lock: a slow
 * observer delays only other observers, not the HLOPs. A runtime without observers creates no event.
 * Every method does nothing by default; an observer that throws is logged and keeps receiving events.
 */
public interface ShmtObserver {
    /** A step of an HLOP. */
    default void hlop(HlopEvent event) {}

    /**
     * {@code device} takes no more HLOPs for the rest of the runtime's life, because of {@code cause};
     * its waiting HLOPs are re-routed (events follow).
     */
    default void deviceQuarantined(String device, String cause, long nanos) {}

    /** A call ended; its HLOPs' events all came before. */
    default void callFinished(CallEvent event) {}
}
