package dev.shmt.api;

/**
 * Thrown by {@link Shmt#execute} under a {@code single:<device>} policy when that device does not take the call
 * (no implementation of the VOP it can run, a partition model it does not run, a VOP that declares its form
 * impossible there, or the device unavailable or quarantined), with the device's own reason. Nothing ran.
 */
public final class DeviceDeclinedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String device;
    private final String vop;
    private final String reason;

    public DeviceDeclinedException(String policy, String device, String vop, String reason) {
        super("policy " + policy + ": device " + device + " cannot run " + vop + ": " + reason);
        this.device = device;
        this.vop = vop;
        this.reason = reason;
    }

    /** The device's name. */
    public String device() {
        return device;
    }

    /** The VOP's name. */
    public String vop() {
        return vop;
    }

    /** Why the device does not take the call, in its words. */
    public String reason() {
        return reason;
    }
}
