package dev.shmt.api;

/**
 * What a runtime found for one device: its name, kind, precision, worker threads and a detail line
 * (the model, the runtime version), and, when it did not load, why.
 *
 * @param cause null when the device is available; otherwise why it is not
 * @param cores the host cores its workers run on, and whether they are pinned there; null when unknown
 *     (an unavailable device has no workers)
 */
public record DeviceInfo(String name, DeviceKind kind, Precision precision, int threads, String detail,
                         String cause, Cores cores) {
    /** A device whose cores are not known (or that has no workers). */
    public DeviceInfo(String name, DeviceKind kind, Precision precision, int threads, String detail, String cause) {
        this(name, kind, precision, threads, detail, cause, null);
    }

    public boolean available() {
        return cause == null;
    }

    @Override
    public String toString() {
        return name + " (" + kind + ", " + precision + ", " + threads + " thread" + (threads == 1 ? "" : "s")
                + (detail == null || detail.isEmpty() ? "" : ", " + detail) + ")"
                + (cause == null ? "" : ": unavailable: " + cause);
    }
}
