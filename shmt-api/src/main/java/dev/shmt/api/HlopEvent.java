package dev.shmt.api;

/**
 * One step of one HLOP, as a {@link ShmtObserver} sees it.
 *
 * @param kind what happened
 * @param nanos {@link System#nanoTime()} when it happened
 * @param call the call's number in its runtime (concurrent calls of one VOP differ in it)
 * @param vop the VOP's name
 * @param hlop the HLOP's index in the call
 * @param region the part of the call it covers
 * @param device {@link Kind#QUEUED}, {@link Kind#REROUTED}: the device whose queue it entered;
 *     {@link Kind#STOLEN}: the thief; otherwise the device running it
 * @param worker the device's worker thread running it; -1 for events outside a run
 * @param from {@link Kind#STOLEN}: the device it was taken from; {@link Kind#REROUTED}: the device it
 *     left (that failed it, hung or was quarantined); null otherwise
 * @param cause {@link Kind#FAILED}: the error, or why the watchdog took it away; null otherwise
 */
public record HlopEvent(Kind kind, long nanos, long call, String vop, int hlop, Region region, String device,
                        int worker, String from, String cause) {
    /** The steps of an HLOP. */
    public enum Kind {
        /** Entered a device's incoming queue as the policy planned. */
        QUEUED,
        /** Taken by an idle device from another's queue (work stealing). */
        STOLEN,
        /** A worker began running it. */
        STARTED,
        /** Its run ended and its result counts. */
        FINISHED,
        /** Its run threw, or the watchdog abandoned it as hung; a {@link #REROUTED} follows if a device is left. */
        FAILED,
        /** Queued again, first in line, on another device after a failure or its device's quarantine. */
        REROUTED
    }

    @Override
    public String toString() {
        return kind + " " + vop + "#" + call + " HLOP " + hlop + " " + device + (worker >= 0 ? "/" + worker : "")
                + (from == null ? "" : " from " + from) + (cause == null ? "" : ": " + cause);
    }
}
